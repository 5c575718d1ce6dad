package org.vigie.server.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.vigie.core.json.Json;
import org.vigie.server.RouteGroup;
import org.vigie.server.api.ApiError;
import org.vigie.server.api.Requests;
import org.vigie.store.Account;

/**
 * Signing in and out: {@code GET /login} (the form), {@code POST /login} (a form or JSON {@code {"user",
 * "password"}}), {@code POST /logout}, and {@code GET /api/v1/session} (who this is, and the CSRF token the console
 * sends with each change).
 */
final class LoginRoutes implements RouteGroup {
    private static final int MAX_NAME = 64;
    private static final int MAX_PASSWORD = 1024;
    /** Where a sign-in without {@code next} lands: the console's start page. */
    static final String HOME = "/";

    private final AccessControl access;
    private final String page;

    LoginRoutes(AccessControl access) {
        this.access = access;
        try (InputStream in = LoginRoutes.class.getResourceAsStream("login.html")) {
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("login.html is missing from the build", e);
        }
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/login", this::form);
        routes.post("/login", this::login);
        routes.post("/logout", this::logout);
        routes.get("/api/v1/session", this::session);
    }

    private void form(Context ctx) {
        String next = safeNext(ctx.queryParam("next"));
        String error = ctx.queryParam("error") != null ? "<p class=\"error\" role=\"alert\">Identifiant ou mot de passe "
                + "incorrect. / Wrong name or password.</p>" : "";
        // The single sign-on button only where it is configured: a dead button would send people nowhere.
        String sso = access.settings().singleSignOn().map(o -> "<a class=\"sso\" href=\"" + OidcSettings.LOGIN_PATH
                + "?next=" + escape(java.net.URLEncoder.encode(next, StandardCharsets.UTF_8)) + "\">Se connecter avec "
                + escape(o.name()) + " / Sign in with " + escape(o.name()) + "</a>").orElse("");
        ctx.header("Cache-Control", "no-store").html(page.replace("{{next}}", escape(next)).replace("{{error}}", error)
                .replace("{{sso}}", sso));
    }

    private void login(Context ctx) {
        boolean json = isJson(ctx);
        String user;
        String password;
        String next = HOME;
        if (json) {
            JsonNode body = Requests.jsonObject(ctx);
            user = body.path("user").asText("");
            password = body.path("password").asText("");
        } else {
            user = Optional.ofNullable(ctx.formParam("user")).orElse("");
            password = Optional.ofNullable(ctx.formParam("password")).orElse("");
            next = safeNext(ctx.formParam("next"));
        }
        if (user.isEmpty() || user.length() > MAX_NAME || password.isEmpty() || password.length() > MAX_PASSWORD) {
            throw ApiError.badRequest("sign-in needs a user (1.." + MAX_NAME + " characters) and a password", java.util.List.of());
        }
        String address = access.clientAddress(ctx);
        Optional<Duration> wait = access.throttle().waitFor(user, address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            access.audit().record(Principal.ANONYMOUS, "login.throttled", user, "from " + address + "; wait " + seconds + " s");
            ctx.header("Retry-After", Long.toString(seconds));
            throw new ApiError(429, "too-many-attempts", "too many failed sign-ins; try again in " + seconds + " s");
        }
        Optional<Account> account = access.accounts().find(user);
        String failure = null;
        if (account.isEmpty()) {
            access.hasher().spendVerification(password);
            failure = "no such account";
        } else if (!access.hasher().matches(password, account.get().passwordHash())) {
            failure = "wrong password";
        } else if (account.get().disabled()) {
            failure = "account disabled";
        } else if (Role.fromJson(account.get().role()).filter(Role::isForAccounts).isEmpty()) {
            failure = "account has no valid role ('" + account.get().role() + "')";
        }
        if (failure != null) {
            access.throttle().failed(user, address);
            access.audit().record(Principal.ANONYMOUS, "login.failed", user, failure + "; from " + address);
            if (json) {
                throw new ApiError(401, "sign-in-failed", "wrong name or password");
            }
            ctx.status(303).header("Location", "/login?error=1&next=" + java.net.URLEncoder.encode(next, StandardCharsets.UTF_8));
            return;
        }
        Account a = account.get();
        Role role = Role.fromJson(a.role()).orElseThrow();
        access.throttle().succeeded(user);
        if (access.hasher().isWeakerThanCurrent(a.passwordHash())) {
            access.accounts().update(new Account(a.name(), access.hasher().hash(password), a.role(), a.createdAt(), false));
        }
        access.sessions().close(ctx.cookie(AccessControl.SESSION_COOKIE)); // never two sessions for one browser
        Sessions.Opened opened = access.sessions().open(a.name(), role);
        Principal who = new Principal(a.name(), role);
        access.audit().record(who, "login", a.name(), "from " + address);
        ctx.res().addHeader("Set-Cookie", cookie(ctx, opened.token(), access.sessions().absolute().toSeconds()));
        ctx.header("Cache-Control", "no-store");
        if (json) {
            ctx.json(sessionJson(who, opened.session().csrf()));
        } else {
            ctx.status(303).header("Location", next);
        }
    }

    private void logout(Context ctx) {
        Principal who = Principal.of(ctx);
        access.sessions().close(ctx.cookie(AccessControl.SESSION_COOKIE));
        access.audit().record(who, "logout", who.user(), "");
        ctx.res().addHeader("Set-Cookie", cookie(ctx, "", 0));
        if (isJson(ctx)) {
            ctx.status(204);
        } else {
            ctx.status(303).header("Location", "/login");
        }
    }

    private void session(Context ctx) {
        Principal who = Principal.of(ctx);
        ctx.header("Cache-Control", "no-store").json(sessionJson(who,
                AccessControl.session(ctx).map(Sessions.Session::csrf).orElse(null)));
    }

    private static ObjectNode sessionJson(Principal who, String csrf) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("user", who.user()).put("role", who.role().jsonName());
        if (csrf != null) {
            body.put("csrf", csrf);
        }
        return body;
    }

    private String cookie(Context ctx, String value, long maxAgeSeconds) {
        return access.sessionCookie(ctx, value, maxAgeSeconds);
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        return type.startsWith("application/json");
    }

    /** Only a path on this server: an absolute URL or {@code //host} would make sign-in an open redirect. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\") || next.length() > 512) {
            return HOME;
        }
        return next;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
