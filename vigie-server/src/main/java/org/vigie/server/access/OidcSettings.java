package org.vigie.server.access;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sign-in through the city's single sign-on with OpenID Connect (authorization code, PKCE S256, {@code state} and
 * {@code nonce}); see {@code docs/configuration.md}, {@code access.oidc}.
 *
 * @param name         the provider's name on the sign-in button ("Sign in with NAME")
 * @param issuer       the provider's issuer identifier; discovery is read from {@code ISSUER/.well-known/openid-configuration}
 * @param clientId     Vigie's client id at the provider
 * @param clientSecret Vigie's client secret, read from an environment variable or a file; never printed
 * @param redirectUri  where the provider sends the browser back: this server's {@code /auth/oidc/callback}
 * @param scopes       scopes asked for; {@code openid} is always among them
 * @param userClaim    the ID token claim that names the person in the audit log (e.g. {@code preferred_username})
 * @param roleClaim    the ID token claim that carries groups or roles; a dotted path reaches into objects
 *                     ({@code realm_access.roles})
 * @param roles        claim value → Vigie role; a person none of whose values is listed is refused, never given a
 *                     default role
 * @param clockSkew    how far the provider's clock may be from ours when checking {@code exp} and {@code iat}
 */
public record OidcSettings(String name, URI issuer, String clientId, String clientSecret, URI redirectUri,
                           List<String> scopes, String userClaim, String roleClaim, Map<String, Role> roles,
                           Duration clockSkew) {
    public static final String LOGIN_PATH = "/auth/oidc/login";
    public static final String CALLBACK_PATH = "/auth/oidc/callback";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

    public OidcSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(userClaim, "userClaim");
        Objects.requireNonNull(roleClaim, "roleClaim");
        Objects.requireNonNull(clockSkew, "clockSkew");
        scopes = scopes.contains("openid") ? List.copyOf(scopes)
                : java.util.stream.Stream.concat(java.util.stream.Stream.of("openid"), scopes.stream()).toList();
        roles = Map.copyOf(roles);
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("OpenID Connect needs at least one claim value mapped to a role");
        }
        for (Role r : roles.values()) {
            if (!r.isForAccounts()) {
                throw new IllegalArgumentException("a person signing in cannot hold the " + r.jsonName() + " role");
            }
        }
    }

    /** The issuer as written in tokens and discovery: without a trailing slash it must match exactly, so kept as is. */
    public String issuerId() {
        return issuer.toString();
    }

    /** Never the secret: this record ends up in logs and error messages. */
    @Override
    public String toString() {
        return "OidcSettings[name=" + name + ", issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=(hidden)"
                + ", redirectUri=" + redirectUri + ", scopes=" + scopes + ", userClaim=" + userClaim + ", roleClaim="
                + roleClaim + ", roles=" + roles + ", clockSkew=" + clockSkew + "]";
    }
}
