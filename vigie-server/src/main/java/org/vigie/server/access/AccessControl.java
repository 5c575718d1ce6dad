package org.vigie.server.access;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.vigie.server.api.ApiError;
import org.vigie.store.AccountRepository;
import org.vigie.store.Store;

/**
 * The one place where requests are let in or not: a before-handler that finds who is calling (an API key, a session
 * cookie, or nobody), puts the {@link Principal} on the request, checks the CSRF token of state-changing requests
 * made with a cookie, and asks {@link AccessRules} whether that role may call that route.
 */
public final class AccessControl {
    public static final String SESSION_COOKIE = "vigie_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "_csrf";
    static final String SESSION_ATTRIBUTE = "vigie.session";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final AccessSettings settings;
    private final AccessRules rules;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final Argon2id hasher;
    private final Store store;
    private final AuditTrail audit;
    private final InstantSource clock;
    private final byte[][] keyDigests;
    private final IdentityProvider provider;

    public AccessControl(AccessSettings settings, AccessRules rules, Store store, AuditTrail audit,
                         InstantSource clock, Argon2id hasher) {
        this.settings = settings;
        this.rules = rules;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.hasher = hasher;
        this.sessions = new Sessions(store.sessions(), clock, settings.sessionIdle(), settings.sessionAbsolute());
        this.throttle = new LoginThrottle(settings.throttle(), clock);
        this.provider = settings.singleSignOn().map(o -> new IdentityProvider(o, clock)).orElse(null);
        this.keyDigests = settings.keys().stream().map(k -> HexFormat.of().parseHex(k.sha256())).toArray(byte[][]::new);
    }

    public AccessSettings settings() {
        return settings;
    }

    public AccessRules rules() {
        return rules;
    }

    public AuditTrail audit() {
        return audit;
    }

    Sessions sessions() {
        return sessions;
    }

    LoginThrottle throttle() {
        return throttle;
    }

    Argon2id hasher() {
        return hasher;
    }

    AccountRepository accounts() {
        return store.accounts();
    }

    InstantSource clock() {
        return clock;
    }

    /** Installs the filter and the routes of sign-in, accounts and the audit log. */
    public void install(JavalinConfig config) {
        config.routes.before(this::admit);
        new LoginRoutes(this).register(config.routes);
        new OidcRoutes(this, provider).register(config.routes);
        new AccountRoutes(this).register(config.routes);
        new AuditRoutes(this, store).register(config.routes);
    }

    void admit(Context ctx) {
        if (!settings.enabled()) {
            ctx.attribute(Principal.ATTRIBUTE, AccessSettings.UNCHECKED);
            return;
        }
        Principal who = authenticate(ctx);
        ctx.attribute(Principal.ATTRIBUTE, who);
        String method = ctx.method().name().toUpperCase(Locale.ROOT);
        String path = ctx.path();
        var rule = rules.find(method, path);
        if (rule.isEmpty() && who.role() != Role.PUBLIC) {
            // No rule: closed. Someone signed in learns only that there is nothing for them here.
            throw ApiError.notFound("no such resource: " + method + " " + path);
        }
        if (rule.isEmpty() || !rule.get().allows(who.role())) {
            if (who.role() == Role.PUBLIC) {
                if (method.equals("GET") && path.startsWith("/console")) {
                    ctx.header("Location", "/login?next=" + java.net.URLEncoder.encode(path, StandardCharsets.UTF_8));
                    throw new ApiError(303, "sign-in-required", "sign in to open " + path);
                }
                ctx.header("WWW-Authenticate", "Bearer");
                throw new ApiError(401, "unauthenticated", "sign in, or present an API key (Authorization: Bearer …), "
                        + "to " + method + " " + path);
            }
            throw new ApiError(403, "forbidden", "the " + who.role().jsonName() + " role may not " + method + " " + path);
        }
        // Signing in again from a page that still holds a cookie needs no token: it replaces that session.
        if (!SAFE_METHODS.contains(method) && !path.equals("/login")
                && ctx.attribute(SESSION_ATTRIBUTE) instanceof Sessions.Session s && !csrfMatches(ctx, s)) {
            throw new ApiError(403, "csrf-token-missing", "a change made with a session cookie needs the session's "
                    + "CSRF token in the " + CSRF_HEADER + " header or the " + CSRF_FIELD + " form field (see "
                    + "GET /api/v1/session)");
        }
    }

    private Principal authenticate(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null) {
            if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new ApiError(401, "unauthenticated", "the Authorization header takes an API key: Bearer KEY");
            }
            return machine(auth.substring(7).trim()).orElseThrow(() ->
                    new ApiError(401, "unauthenticated", "unknown API key"));
        }
        String token = ctx.cookie(SESSION_COOKIE);
        if (token == null) {
            return Principal.ANONYMOUS;
        }
        Optional<Sessions.Session> session = sessions.use(token);
        if (session.isEmpty()) {
            return Principal.ANONYMOUS; // expired or signed out: the routes that need more say so
        }
        ctx.attribute(SESSION_ATTRIBUTE, session.get());
        return new Principal(session.get().user(), session.get().role());
    }

    /** Compares the key's digest with every configured digest, always all of them (no early exit). */
    private Optional<Principal> machine(String key) {
        byte[] d = HexFormat.of().parseHex(Sessions.digest(key));
        AccessSettings.MachineKey found = null;
        for (int i = 0; i < keyDigests.length; i++) {
            if (MessageDigest.isEqual(keyDigests[i], d)) {
                found = settings.keys().get(i);
            }
        }
        return key.isEmpty() || found == null ? Optional.empty() : Optional.of(new Principal(found.name(), found.role()));
    }

    private static boolean csrfMatches(Context ctx, Sessions.Session s) {
        String given = ctx.header(CSRF_HEADER);
        if (given == null) {
            String type = ctx.contentType() == null ? "" : ctx.contentType();
            if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
                given = ctx.formParam(CSRF_FIELD);
            }
        }
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                s.csrf().getBytes(StandardCharsets.UTF_8));
    }

    /** The session of this request, when it came with a live session cookie. */
    static Optional<Sessions.Session> session(Context ctx) {
        return ctx.attribute(SESSION_ATTRIBUTE) instanceof Sessions.Session s ? Optional.of(s) : Optional.empty();
    }

    /** The client's address: the proxy's word for it when configured to trust the proxy, else the connection's. */
    String clientAddress(Context ctx) {
        if (settings.trustProxyHeaders()) {
            String forwarded = ctx.header("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].trim();
            }
        }
        return ctx.ip();
    }

    /** The session cookie's header: HttpOnly and SameSite=Strict always, Secure over TLS. */
    String sessionCookie(Context ctx, String value, long maxAgeSeconds) {
        return SESSION_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (overTls(ctx) ? "; Secure" : "");
    }

    boolean overTls(Context ctx) {
        if (settings.alwaysSecure() || "https".equalsIgnoreCase(ctx.scheme())) {
            return true;
        }
        return settings.trustProxyHeaders() && "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }
}
