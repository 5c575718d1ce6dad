package org.vigie.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.core.config.ConfigException;
import org.vigie.server.access.OidcSettings;
import org.vigie.server.access.Role;

class OidcConfigTest {
    private static final Path BASE = Path.of("/srv/vigie");

    @Test
    void theSectionIsReadWithTheSecretFromTheEnvironmentAndTheSecretIsNeverPrinted() {
        VigieConfig c = ConfigLoader.parse("vigie.yaml", """
                access:
                  oidc:
                    name: Ville de Marseille
                    issuer: https://sso.marseille.example/realms/city
                    client-id: vigie
                    client-secret-env: VIGIE_OIDC_SECRET
                    redirect-uri: https://vigie.marseille.example/auth/oidc/callback
                    scopes: [openid, profile, groups]
                    role-claim: realm_access.roles
                    roles:
                      vigie-operators: operator
                      vigie-chefs: supervisor
                    clock-skew: 30s
                """, BASE, Map.of("VIGIE_OIDC_SECRET", "s3cr3t-value")::get);
        OidcSettings o = c.access().singleSignOn().orElseThrow();
        assertThat(o.name()).isEqualTo("Ville de Marseille");
        assertThat(o.issuerId()).isEqualTo("https://sso.marseille.example/realms/city");
        assertThat(o.clientSecret()).isEqualTo("s3cr3t-value");
        assertThat(o.scopes()).containsExactly("openid", "profile", "groups");
        assertThat(o.userClaim()).isEqualTo("preferred_username");
        assertThat(o.roleClaim()).isEqualTo("realm_access.roles");
        assertThat(o.roles()).isEqualTo(Map.of("vigie-operators", Role.OPERATOR, "vigie-chefs", Role.SUPERVISOR));
        assertThat(o.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.toString()).doesNotContain("s3cr3t");
        assertThat(c.access().toString()).doesNotContain("s3cr3t");
    }

    @Test
    void theSecretMayComeFromAFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("oidc-secret"), "from-a-file\n");
        VigieConfig c = ConfigLoader.parse("vigie.yaml", """
                access:
                  oidc:
                    name: SSO
                    issuer: http://127.0.0.1:9999
                    client-id: vigie
                    client-secret-file: oidc-secret
                    redirect-uri: http://127.0.0.1:8080/auth/oidc/callback
                    roles: {ops: operator}
                """, dir, Map.<String, String>of()::get);
        OidcSettings o = c.access().singleSignOn().orElseThrow();
        assertThat(o.clientSecret()).isEqualTo("from-a-file");
        assertThat(o.scopes()).containsExactly("openid", "profile");
        assertThat(o.roleClaim()).isEqualTo("groups");
    }

    @Test
    void withoutTheSectionOnlyLocalAccountsSignIn() {
        assertThat(ConfigLoader.parse("empty.yaml", "", BASE).access().singleSignOn()).isEmpty();
    }

    @Test
    void mistakesAreNamedWithFileLineAndKeyAndTheSecretNeverAppears() {
        assertThatThrownBy(() -> ConfigLoader.parse("sso.yaml", """
                access:
                  oidc:
                    issuer: http://sso.example/realms/city
                    client-id: vigie
                    client-secret-env: NOT_SET
                    redirect-uri: https://vigie.example/login
                    roles:
                      admins: public
                    clok-skew: 1m
                """, BASE, Map.<String, String>of()::get))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
                        "sso.yaml:3: access.oidc.name: required: the provider's name on the sign-in button (1..64 "
                                + "characters), e.g. Ville de Marseille",
                        "sso.yaml:3: access.oidc.issuer: expected an https URL (http only for localhost), got "
                                + "'http://sso.example/realms/city'",
                        "sso.yaml:5: access.oidc.client-secret-env: environment variable NOT_SET is not set or empty",
                        "sso.yaml:6: access.oidc.redirect-uri: expected this server's address with the path "
                                + "/auth/oidc/callback, e.g. https://vigie.example/auth/oidc/callback, got "
                                + "'https://vigie.example/login'",
                        "sso.yaml:8: access.oidc.roles.admins: expected operator, supervisor, auditor or admin, got 'public'",
                        "sso.yaml:9: access.oidc.clok-skew: unknown key; expected one of [client-id, client-secret-env, "
                                + "client-secret-file, clock-skew, issuer, name, redirect-uri, role-claim, roles, scopes, "
                                + "user-claim]"));
        List<String> both = problems("""
                access:
                  oidc:
                    name: SSO
                    issuer: https://sso.example
                    client-id: vigie
                    client-secret-env: S
                    client-secret-file: s.txt
                    redirect-uri: https://vigie.example/auth/oidc/callback
                """);
        assertThat(both).anySatisfy(p -> assertThat(p).startsWith("sso.yaml:3: access.oidc.client-secret-env: give exactly one"));
        assertThat(both).anySatisfy(p -> assertThat(p).startsWith("sso.yaml:3: access.oidc.roles: required"));
        assertThat(String.join("\n", both)).doesNotContain("hunter2");
    }

    private static List<String> problems(String yaml) {
        try {
            ConfigLoader.parse("sso.yaml", yaml, BASE, Map.of("S", "hunter2")::get);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems");
    }
}
