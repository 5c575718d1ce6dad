package org.vigie.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessRulesTest {
    private final AccessRules vigie = AccessRules.vigie();

    @Test
    void patternsMatchWholeSegments() {
        var rules = new AccessRules(List.of(
                new AccessRules.Rule(AccessRules.GET, "/a/{id}/b", Set.of(Role.OPERATOR)),
                new AccessRules.Rule(AccessRules.ANY, "/c/**", Set.of(Role.ADMIN))));
        assertThat(rules.find("GET", "/a/42/b")).isPresent();
        assertThat(rules.find("HEAD", "/a/42/b")).as("HEAD follows GET").isPresent();
        assertThat(rules.find("POST", "/a/42/b")).isEmpty();
        assertThat(rules.find("GET", "/a/42/b/c")).isEmpty();
        assertThat(rules.find("GET", "/a//b")).as("an empty segment is no id").isEmpty();
        assertThat(rules.find("GET", "/ab/42/b")).isEmpty();
        assertThat(rules.find("DELETE", "/c")).isPresent();
        assertThat(rules.find("DELETE", "/c/d/e")).isPresent();
        assertThat(rules.find("DELETE", "/cd")).isEmpty();
        assertThat(rules.find("OPTIONS", "/c")).as("methods outside the table are closed").isEmpty();
    }

    @Test
    void theFirstRuleDecides() {
        // /console/audit is for auditors even though /console/** is for operators and supervisors.
        assertThat(vigie.allows(Role.AUDITOR, "GET", "/console/audit")).isTrue();
        assertThat(vigie.allows(Role.OPERATOR, "GET", "/console/audit/search")).isFalse();
        assertThat(vigie.allows(Role.OPERATOR, "GET", "/console/queue")).isTrue();
        assertThat(vigie.allows(Role.AUDITOR, "GET", "/console/queue")).isFalse();
        assertThat(vigie.allows(Role.OPERATOR, "GET", "/console/cameras/cam-1")).isTrue();
        assertThat(vigie.allows(Role.OPERATOR, "POST", "/console/cameras/cam-1/zones")).isFalse();
        assertThat(vigie.allows(Role.SUPERVISOR, "POST", "/console/cameras/cam-1/zones")).isTrue();
    }

    @Test
    void evidenceIsForOperatorsAndSupervisorsOnly() {
        for (Role r : Role.values()) {
            assertThat(vigie.allows(r, "GET", "/api/v1/evidence/2026-07-14/ab12.snapshot"))
                    .as(r.name()).isEqualTo(r == Role.OPERATOR || r == Role.SUPERVISOR);
        }
    }

    @Test
    void thePublicReachesOnlyPublicThings() {
        assertThat(vigie.allows(Role.PUBLIC, "GET", "/transparency")).isTrue();
        assertThat(vigie.allows(Role.PUBLIC, "GET", "/api/v1/transparency/incidents-per-month")).isTrue();
        assertThat(vigie.allows(Role.PUBLIC, "POST", "/open311/v2/requests.json")).isTrue();
        assertThat(vigie.allows(Role.PUBLIC, "GET", "/api/v1/incidents")).isFalse();
        assertThat(vigie.allows(Role.PUBLIC, "GET", "/metrics")).isFalse();
        assertThat(vigie.allows(Role.PUBLIC, "GET", "/no/rule/here")).isFalse();
        assertThat(vigie.allows(Role.ADMIN, "GET", "/no/rule/here")).isFalse();
    }
}
