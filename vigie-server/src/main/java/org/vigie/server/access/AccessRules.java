package org.vigie.server.access;

import static org.vigie.server.access.Role.ADMIN;
import static org.vigie.server.access.Role.AUDITOR;
import static org.vigie.server.access.Role.OPERATOR;
import static org.vigie.server.access.Role.PUBLIC;
import static org.vigie.server.access.Role.SOURCE;
import static org.vigie.server.access.Role.SUPERVISOR;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call what: the one table of the server's access control, route pattern × method → roles. The first rule
 * that matches a request decides; a request no rule matches is refused, so a route added without a rule is closed
 * until someone decides who may use it.
 *
 * <p>Patterns are paths whose segments are literal, {@code {name}} (any one segment) or, last, {@code **} (any number
 * of segments, none included). {@code HEAD} follows {@code GET}.
 */
public final class AccessRules {
    /** Reads. */
    public static final Set<String> GET = Set.of("GET");
    /** Changes. */
    public static final Set<String> WRITE = Set.of("POST", "PUT", "PATCH", "DELETE");
    public static final Set<String> ANY = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    /** @param roles who may; {@link Role#PUBLIC} means everyone, signed in or not */
    public record Rule(Set<String> methods, String pattern, Set<Role> roles) {
        public Rule {
            methods = Set.copyOf(methods);
            roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        }

        public boolean allows(Role role) {
            return roles.contains(PUBLIC) || roles.contains(role);
        }

        boolean matches(String method, List<String> path) {
            return methods.contains(method) && AccessRules.matches(segments(pattern), path);
        }
    }

    private final List<Rule> rules;

    public AccessRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The rule that decides a request, or empty when none does (refused). */
    public Optional<Rule> find(String method, String path) {
        String m = method.toUpperCase(Locale.ROOT);
        String effective = m.equals("HEAD") ? "GET" : m;
        List<String> segments = segments(path);
        return rules.stream().filter(r -> r.matches(effective, segments)).findFirst();
    }

    public boolean allows(Role role, String method, String path) {
        return find(method, path).map(r -> r.allows(role)).orElse(false);
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean matches(List<String> pattern, List<String> path) {
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (p.equals("**") && i == pattern.size() - 1) {
                return true;
            }
            if (i >= path.size()) {
                return false;
            }
            boolean parameter = p.startsWith("{") && p.endsWith("}");
            if (!parameter && !p.equals(path.get(i))) {
                return false;
            }
        }
        return pattern.size() == path.size();
    }

    private static Rule rule(Set<String> methods, String pattern, Role... roles) {
        return new Rule(methods, pattern, roles.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(roles)));
    }

    /**
     * Vigie's table. Operators work incidents and their evidence; supervisors also configure, regroup and edit
     * cameras; auditors read the audit log, metrics and incident metadata, never evidence content nor event details;
     * admins manage accounts only; machines (API keys) post events and read the published feeds.
     */
    public static AccessRules vigie() {
        var r = new ArrayList<Rule>();
        // Everyone: what a citizen or a signed-out browser needs.
        r.add(rule(GET, "/health", PUBLIC));
        r.add(rule(GET, "/api/openapi.json", PUBLIC));
        r.add(rule(ANY, "/login", PUBLIC));
        // Single sign-on: the way in, and the provider's way back (both answer 404 when it is not configured).
        r.add(rule(GET, "/auth/oidc/login", PUBLIC));
        r.add(rule(GET, "/auth/oidc/callback", PUBLIC));
        r.add(rule(GET, "/api/v1/session", PUBLIC));
        r.add(rule(GET, "/transparency", PUBLIC));
        r.add(rule(GET, "/transparency/**", PUBLIC));
        r.add(rule(GET, "/api/v1/transparency/**", PUBLIC));
        r.add(rule(GET, "/api/v1/zones", PUBLIC));
        r.add(rule(GET, "/api/v1/taxonomy", PUBLIC));
        // Citizen reporting: Open311 keeps its own api_key rule for creating requests.
        r.add(rule(Set.of("GET", "POST"), "/open311/v2/**", PUBLIC));
        r.add(rule(GET, "/open311/web-form", PUBLIC));
        // Static assets: page shells and scripts hold no data; the data behind them is checked on its own route.
        for (String asset : List.of("/", "/index.html", "/console.css", "/console.js", "/report.html", "/report.js",
                "/transparency.html", "/transparency.js", "/login.css", "/webjars/**", "/assets/**")) {
            r.add(rule(GET, asset, PUBLIC));
        }
        r.add(rule(Set.of("POST"), "/logout", OPERATOR, SUPERVISOR, AUDITOR, ADMIN));

        r.add(rule(GET, "/metrics", AUDITOR, SOURCE));
        r.add(rule(GET, "/api/v1/audit", AUDITOR));
        r.add(rule(GET, "/api/v1/audit/anchor", AUDITOR));
        r.add(rule(ANY, "/api/v1/accounts/**", ADMIN));

        r.add(rule(Set.of("POST"), "/api/v1/events", OPERATOR, SUPERVISOR, SOURCE));
        r.add(rule(GET, "/api/v1/events/{id}", OPERATOR, SUPERVISOR));
        r.add(rule(GET, "/api/v1/quarantine", OPERATOR, SUPERVISOR));
        r.add(rule(GET, "/api/v1/evidence/**", OPERATOR, SUPERVISOR));
        r.add(rule(GET, "/api/v1/incidents", OPERATOR, SUPERVISOR, AUDITOR));
        r.add(rule(GET, "/api/v1/incidents/stream", OPERATOR, SUPERVISOR));
        r.add(rule(GET, "/api/v1/incidents/{id}", OPERATOR, SUPERVISOR));
        r.add(rule(GET, "/api/v1/incidents/{id}/timeline", OPERATOR, SUPERVISOR));
        // Status changes with their verdicts: what auditors check decisions against; no event content.
        r.add(rule(GET, "/api/v1/incidents/{id}/history", OPERATOR, SUPERVISOR, AUDITOR));
        r.add(rule(GET, "/api/v1/search", OPERATOR, SUPERVISOR));
        r.add(rule(Set.of("POST"), "/api/v1/incidents/{id}/verdict", OPERATOR, SUPERVISOR));
        r.add(rule(Set.of("POST"), "/api/v1/incidents/{id}/sop/{step}", OPERATOR, SUPERVISOR));
        r.add(rule(Set.of("POST"), "/api/v1/incidents/{id}/merge", SUPERVISOR));
        r.add(rule(Set.of("POST"), "/api/v1/incidents/{id}/split", SUPERVISOR));
        r.add(rule(GET, "/api/v1/sources/reliability", OPERATOR, SUPERVISOR, AUDITOR));
        r.add(rule(GET, "/api/v1/sources/**", OPERATOR, SUPERVISOR));
        r.add(rule(GET, "/api/v1/feeds", SUPERVISOR, SOURCE));
        r.add(rule(Set.of("POST"), "/api/v1/feeds/{format}", SUPERVISOR, SOURCE));
        r.add(rule(GET, "/api/v1/cap/alerts", OPERATOR, SUPERVISOR, SOURCE));
        r.add(rule(GET, "/ngsi-ld/v1/entities/**", OPERATOR, SUPERVISOR, SOURCE));
        r.add(rule(GET, "/api/v1/cameras", OPERATOR, SUPERVISOR));
        r.add(rule(GET, "/api/v1/cameras/**", OPERATOR, SUPERVISOR));
        r.add(rule(GET, "/api/v1/sensors", OPERATOR, SUPERVISOR));
        r.add(rule(WRITE, "/api/v1/cameras/**", SUPERVISOR));
        r.add(rule(ANY, "/api/v1/config/**", SUPERVISOR));
        // Measured quality, costs and coverage: for those who run and audit the centre.
        r.add(rule(GET, "/api/v1/accountability/**", OPERATOR, SUPERVISOR, AUDITOR));
        r.add(rule(Set.of("POST"), "/api/v1/accountability/evaluations", SUPERVISOR));
        r.add(rule(ANY, "/api/v1/procedures/**", SUPERVISOR));

        // The console's pages (HTML); the data they show is fetched through the routes above or their own.
        r.add(rule(GET, "/console/audit/**", AUDITOR));
        r.add(rule(GET, "/console/cameras/**", OPERATOR, SUPERVISOR));
        r.add(rule(WRITE, "/console/cameras/**", SUPERVISOR));
        r.add(rule(ANY, "/console/**", OPERATOR, SUPERVISOR));
        return new AccessRules(r);
    }
}
