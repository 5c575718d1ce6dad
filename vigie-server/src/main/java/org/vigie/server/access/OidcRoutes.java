package org.vigie.server.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.vigie.server.RouteGroup;
import org.vigie.server.api.ApiError;

/**
 * Sign-in through the city's single sign-on: {@code GET /auth/oidc/login} sends the browser to the provider (PKCE
 * S256, {@code state}, {@code nonce}); {@code GET /auth/oidc/callback} takes the code back, exchanges it, checks the
 * ID token, maps the role claim to a Vigie role and opens the same session as a local sign-in. A person whose claim
 * maps to no role is refused with a page that says so; there is no default role. Every outcome is audited. Both
 * routes answer 404 when {@code access.oidc} is not configured.
 *
 * <p>The pending sign-in is kept server-side by its {@code state}, bound to the browser that started it by a
 * short-lived cookie (a callback carried to another browser, login CSRF, fails), and used once.
 */
final class OidcRoutes implements RouteGroup {
    static final String BINDING_COOKIE = "vigie_oidc";
    /** How long a person has at the provider's page before the pending sign-in is forgotten. */
    static final Duration PENDING_FOR = Duration.ofMinutes(10);
    private static final int MAX_PENDING = 10_000;
    private static final int MAX_NAME = 128;

    private record Pending(String nonce, String verifier, String next, String bindingHash, Instant createdAt) {
    }

    private final AccessControl access;
    private final IdentityProvider provider;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** @param provider null when single sign-on is not configured */
    OidcRoutes(AccessControl access, IdentityProvider provider) {
        this.access = access;
        this.provider = provider;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get(OidcSettings.LOGIN_PATH, this::login);
        routes.get(OidcSettings.CALLBACK_PATH, this::callback);
    }

    private IdentityProvider provider() {
        if (provider == null) {
            throw ApiError.notFound("single sign-on (access.oidc) is not configured on this server");
        }
        return provider;
    }

    private void login(Context ctx) {
        IdentityProvider p = provider();
        Instant now = access.clock().instant();
        if (pending.size() > MAX_PENDING) {
            pending.values().removeIf(x -> expired(x, now));
        }
        if (pending.size() > MAX_PENDING) {
            throw new ApiError(503, "busy", "too many sign-ins in progress; try again in a few minutes");
        }
        String state = randomToken();
        String nonce = randomToken();
        String verifier = randomToken() + randomToken(); // 86 characters, within PKCE's 43..128
        String binding = randomToken();
        URI target;
        try {
            target = p.authorizationRequest(state, nonce, verifier);
        } catch (IdentityProvider.Refusal e) {
            access.audit().record(Principal.ANONYMOUS, "login.failed", "oidc", "method oidc; " + e.getMessage()
                    + "; from " + access.clientAddress(ctx));
            page(ctx, 502, "Le service d'identification ne répond pas. / The sign-on service is not answering.");
            return;
        }
        pending.put(state, new Pending(nonce, verifier, LoginRoutes.safeNext(ctx.queryParam("next")),
                Sessions.digest(binding), now));
        // Lax, not Strict: the provider sends the browser back with a top-level cross-site navigation.
        ctx.res().addHeader("Set-Cookie", BINDING_COOKIE + "=" + binding + "; Path=/auth/oidc; Max-Age="
                + PENDING_FOR.toSeconds() + "; HttpOnly; SameSite=Lax" + (access.overTls(ctx) ? "; Secure" : ""));
        ctx.header("Cache-Control", "no-store").status(303).header("Location", target.toString());
    }

    private void callback(Context ctx) {
        IdentityProvider p = provider();
        String address = access.clientAddress(ctx);
        String state = ctx.queryParam("state");
        Pending started = state == null ? null : pending.remove(state); // used once, whatever happens next
        ctx.res().addHeader("Set-Cookie", BINDING_COOKIE + "=; Path=/auth/oidc; Max-Age=0; HttpOnly; SameSite=Lax"
                + (access.overTls(ctx) ? "; Secure" : ""));
        ctx.header("Cache-Control", "no-store");
        String binding = ctx.cookie(BINDING_COOKIE);
        String failure = null;
        if (started == null) {
            failure = "unknown or already used state";
        } else if (expired(started, access.clock().instant())) {
            failure = "the sign-in took longer than " + PENDING_FOR.toMinutes() + " minutes";
        } else if (binding == null || !MessageDigest.isEqual(Sessions.digest(binding).getBytes(StandardCharsets.US_ASCII),
                started.bindingHash().getBytes(StandardCharsets.US_ASCII))) {
            failure = "the callback came to another browser than the one that started the sign-in";
        } else if (ctx.queryParam("error") != null) {
            failure = "the provider refused: " + clip(ctx.queryParam("error"), 64) + " "
                    + clip(String.valueOf(ctx.queryParamMap().getOrDefault("error_description", List.of("")).getFirst()), 200);
        } else if (ctx.queryParam("code") == null || ctx.queryParam("code").isEmpty()) {
            failure = "the provider sent no code";
        }
        if (failure != null) {
            refuse(ctx, "oidc", failure, address, 400);
            return;
        }
        JsonNode claims;
        try {
            claims = p.verify(p.exchange(ctx.queryParam("code"), started.verifier()), started.nonce());
        } catch (IdentityProvider.Refusal e) {
            refuse(ctx, "oidc", e.getMessage(), address, 401);
            return;
        }
        OidcSettings s = p.settings();
        String name = claims.path(s.userClaim()).asText("");
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            refuse(ctx, "oidc", "the ID token's " + s.userClaim() + " claim is missing or not a usable name", address, 401);
            return;
        }
        // Local account names cannot hold ':', so a person from the provider never takes a local account's name.
        String user = "oidc:" + name;
        List<String> values = claimValues(claims, s.roleClaim());
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String v : values) {
            Role r = s.roles().get(v);
            if (r != null) {
                roles.add(r);
            }
        }
        if (roles.contains(Role.SUPERVISOR)) {
            roles.remove(Role.OPERATOR); // a supervisor does everything an operator does
        }
        if (roles.isEmpty()) {
            access.audit().record(Principal.ANONYMOUS, "login.failed", user, "method oidc; no Vigie role for "
                    + s.roleClaim() + " " + new TreeSet<>(values) + "; from " + address);
            page(ctx, 403, "Votre compte n'a aucun rôle dans Vigie ; demandez-en un à votre responsable. / Your account has "
                    + "no role in Vigie; ask your supervisor for one.");
            return;
        }
        if (roles.size() > 1) {
            access.audit().record(Principal.ANONYMOUS, "login.failed", user, "method oidc; " + s.roleClaim()
                    + " maps to several roles " + roles + "; a person holds one role in Vigie; from " + address);
            page(ctx, 403, "Votre compte correspond à plusieurs rôles Vigie ; un seul est permis. / Your account maps to "
                    + "several Vigie roles; only one is allowed.");
            return;
        }
        Role role = roles.iterator().next();
        access.sessions().close(ctx.cookie(AccessControl.SESSION_COOKIE)); // never two sessions for one browser
        Sessions.Opened opened = access.sessions().open(user, role);
        access.audit().record(new Principal(user, role), "login", user, "method oidc; from " + address);
        ctx.res().addHeader("Set-Cookie", access.sessionCookie(ctx, opened.token(), access.sessions().absolute().toSeconds()));
        ctx.status(303).header("Location", started.next());
    }

    private void refuse(Context ctx, String target, String reason, String address, int status) {
        access.audit().record(Principal.ANONYMOUS, "login.failed", target, "method oidc; " + reason + "; from " + address);
        page(ctx, status, "La connexion par le service d'identification a échoué. / Signing in through the sign-on "
                + "service failed.");
    }

    /** A plain page that says what happened and leads back to the sign-in page; the reason is in the audit log. */
    private static void page(Context ctx, int status, String message) {
        ctx.status(status).html("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Vigie</title></head>"
                + "<body><h1>Vigie</h1><p role=\"alert\">" + LoginRoutes.escape(message) + "</p>"
                + "<p><a href=\"/login\">Retour à la connexion / Back to sign-in</a></p></body></html>");
    }

    /** The claim's values: a string, or an array of strings, at a dotted path. */
    static List<String> claimValues(JsonNode claims, String path) {
        JsonNode n = claims;
        for (String part : path.split("\\.")) {
            n = n.path(part);
        }
        var out = new ArrayList<String>();
        if (n.isTextual()) {
            out.add(n.asText());
        } else if (n.isArray()) {
            n.forEach(v -> {
                if (v.isTextual()) {
                    out.add(v.asText());
                }
            });
        }
        return out;
    }

    private static boolean expired(Pending p, Instant now) {
        return !now.isBefore(p.createdAt().plus(PENDING_FOR));
    }

    private static String clip(String s, int max) {
        String clean = s == null ? "" : s.replaceAll("\\p{Cntrl}", " ");
        return clean.length() > max ? clean.substring(0, max) + "…" : clean;
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
