package org.vigie.server.access;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the server signs people and machines in (see {@code docs/configuration.md}, {@code access}).
 *
 * @param enabled           false only for a closed test bench: every request is then let through, as
 *                          {@link #UNCHECKED}, and nothing is checked
 * @param sessionIdle       a session unused this long ends
 * @param sessionAbsolute   a session ends this long after sign-in, used or not
 * @param alwaysSecure      mark the session cookie {@code Secure} even on plain HTTP (a TLS proxy in front that does
 *                          not say so); otherwise it is marked when the request came over TLS
 * @param trustProxyHeaders believe {@code X-Forwarded-Proto} and {@code X-Forwarded-For} (only behind a proxy that
 *                          sets them; otherwise any client could forge its address and dodge throttling)
 * @param throttle          how failed sign-ins slow down further attempts
 * @param keys              API keys of machines, by the SHA-256 of the key
 * @param oidc              sign-in through the city's single sign-on, or null when only local accounts sign in
 * @param auditAnchor       the append-only file where the audit chain's head is marked, or null for
 *                          {@code audit-anchor.log} beside the database
 * @param anchorEvery       the head is marked every this many appends (and at shutdown); 1 marks every row
 */
public record AccessSettings(boolean enabled, Duration sessionIdle, Duration sessionAbsolute, boolean alwaysSecure,
                             boolean trustProxyHeaders, Throttle throttle, List<MachineKey> keys, OidcSettings oidc,
                             java.nio.file.Path auditAnchor, int anchorEvery) {
    public static final Principal UNCHECKED = new Principal("unchecked", Role.PUBLIC);

    public AccessSettings {
        Objects.requireNonNull(sessionIdle, "sessionIdle");
        Objects.requireNonNull(sessionAbsolute, "sessionAbsolute");
        Objects.requireNonNull(throttle, "throttle");
        keys = List.copyOf(keys);
        if (anchorEvery < 1) {
            throw new IllegalArgumentException("anchorEvery must be at least 1, got " + anchorEvery);
        }
    }

    /** Local accounts and API keys only; the audit anchor beside the database, marked on every append. */
    public AccessSettings(boolean enabled, Duration sessionIdle, Duration sessionAbsolute, boolean alwaysSecure,
                          boolean trustProxyHeaders, Throttle throttle, List<MachineKey> keys) {
        this(enabled, sessionIdle, sessionAbsolute, alwaysSecure, trustProxyHeaders, throttle, keys, null, null, 1);
    }

    public java.util.Optional<OidcSettings> singleSignOn() {
        return java.util.Optional.ofNullable(oidc);
    }

    /**
     * @param accountFailures failures in a row an account is allowed before each further one doubles a wait
     * @param addressFailures the same for one client address (higher: a shared office address)
     * @param firstDelay      the first wait
     * @param maxDelay        the longest wait
     */
    public record Throttle(int accountFailures, int addressFailures, Duration firstDelay, Duration maxDelay) {
        public static Throttle defaults() {
            return new Throttle(5, 20, Duration.ofSeconds(1), Duration.ofMinutes(15));
        }
    }

    /**
     * A machine client's key: a name for the audit log, its role, and the SHA-256 (hex) of the key; the key itself is
     * never stored.
     */
    public record MachineKey(String name, Role role, String sha256) {
        public MachineKey {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
            if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("an API key is configured by its SHA-256: 64 lower-case hex digits");
            }
        }
    }

    public static AccessSettings defaults() {
        return new AccessSettings(true, Duration.ofMinutes(30), Duration.ofHours(12), false, false, Throttle.defaults(),
                List.of());
    }

    public AccessSettings withKeys(List<MachineKey> k) {
        return new AccessSettings(enabled, sessionIdle, sessionAbsolute, alwaysSecure, trustProxyHeaders, throttle, k, oidc, auditAnchor, anchorEvery);
    }

    public AccessSettings withTrustedProxy(boolean trust) {
        return new AccessSettings(enabled, sessionIdle, sessionAbsolute, alwaysSecure, trust, throttle, keys, oidc, auditAnchor, anchorEvery);
    }

    public AccessSettings withEnabled(boolean e) {
        return new AccessSettings(e, sessionIdle, sessionAbsolute, alwaysSecure, trustProxyHeaders, throttle, keys, oidc, auditAnchor,
                anchorEvery);
    }

    public AccessSettings withOidc(OidcSettings o) {
        return new AccessSettings(enabled, sessionIdle, sessionAbsolute, alwaysSecure, trustProxyHeaders, throttle, keys, o,
                auditAnchor, anchorEvery);
    }

    public AccessSettings withAuditAnchor(java.nio.file.Path file, int every) {
        return new AccessSettings(enabled, sessionIdle, sessionAbsolute, alwaysSecure, trustProxyHeaders, throttle, keys, oidc,
                file, every);
    }
}
