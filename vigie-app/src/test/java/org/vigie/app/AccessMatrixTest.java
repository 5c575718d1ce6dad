package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.json.Json;
import org.vigie.server.VigieServer;
import org.vigie.server.access.Role;

/**
 * Every route of the running server, called as every role and anonymously: each cell is allowed or denied exactly
 * as the matrix below says. The matrix is written out by hand, apart from the access table, so that a change to the
 * table that opens or closes a route shows up here as a deliberate edit. The same test checks that the OpenAPI
 * document describes exactly the registered routes.
 */
class AccessMatrixTest {
    /**
     * Route → who may call it: {@code *} everyone (signed in or not); otherwise the letters of the roles:
     * O operator, S supervisor, A auditor, D admin, M machine (an API key with the source role).
     */
    private static final String MATRIX = """
            GET    /api/openapi.json                   *
            GET    /login                              *
            POST   /login                              *
            GET    /auth/oidc/login                    *
            GET    /auth/oidc/callback                 *
            POST   /logout                             O S A D
            GET    /api/v1/session                     *
            GET    /api/v1/accounts                    D
            POST   /api/v1/accounts                    D
            GET    /api/v1/accounts/{name}             D
            PUT    /api/v1/accounts/{name}             D
            DELETE /api/v1/accounts/{name}             D
            GET    /api/v1/audit                       A
            GET    /api/v1/audit/anchor                A
            POST   /api/v1/events                      O S M
            GET    /api/v1/events/{id}                 O S
            GET    /api/v1/quarantine                  O S
            GET    /api/v1/taxonomy                    *
            GET    /api/v1/incidents                   O S A
            GET    /api/v1/incidents/stream            O S
            GET    /api/v1/incidents/{id}              O S
            POST   /api/v1/incidents/{id}/verdict      O S
            POST   /api/v1/incidents/{id}/merge        S
            POST   /api/v1/incidents/{id}/split        S
            POST   /api/v1/incidents/{id}/sop/{step}   O S
            GET    /api/v1/incidents/{id}/timeline     O S
            GET    /api/v1/incidents/{id}/history      O S A
            GET    /api/v1/search                      O S
            GET    /api/v1/evidence/{day}/{file}       O S
            GET    /api/v1/cameras                     O S
            GET    /api/v1/cameras/{id}/snapshot       O S
            GET    /api/v1/cameras/{id}/counts         O S
            GET    /api/v1/cameras/{id}/layout         O S
            PUT    /api/v1/cameras/{id}/layout         S
            GET    /api/v1/sensors                     O S
            GET    /api/v1/sources/health              O S
            GET    /console                            O S
            GET    /console/queue/rows                 O S
            GET    /console/map                        O S
            GET    /console/incidents/{id}             O S
            GET    /console/search                     O S
            GET    /console/cameras                    O S
            GET    /console/cameras/{id}               O S
            GET    /console/sources                    O S
            GET    /api/v1/accountability/quality      O S A
            GET    /api/v1/accountability/costs        O S A
            GET    /api/v1/accountability/coverage     O S A
            GET    /api/v1/accountability/evaluations  O S A
            POST   /api/v1/accountability/evaluations  S
            GET    /transparency                       *
            GET    /api/v1/transparency/figures        *
            GET    /api/v1/transparency/districts.geojson *
            GET    /api/v1/transparency/{table}.csv    *
            GET    /api/v1/sources/reliability         O S A
            GET    /api/v1/feeds                       S M
            POST   /api/v1/feeds/{format}              S M
            GET    /api/v1/cap/alerts                  O S M
            GET    /ngsi-ld/v1/entities                O S M
            GET    /ngsi-ld/v1/entities/{id}           O S M
            GET    /open311/v2/{file}                  *
            POST   /open311/v2/{file}                  *
            GET    /open311/v2/services/{file}         *
            GET    /open311/v2/requests/{file}         *
            GET    /open311/v2/tokens/{file}           *
            GET    /open311/web-form                   *
            GET    /api/v1/zones                       *
            GET    /health                             *
            GET    /metrics                            A M
            """;
    private static final Map<Character, Role> LETTERS = Map.of('O', Role.OPERATOR, 'S', Role.SUPERVISOR, 'A', Role.AUDITOR,
            'D', Role.ADMIN, 'M', Role.SOURCE);

    @TempDir
    static Path dataDir;

    static Platform platform;
    static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        VigieConfig config = VigieConfig.embedded(dataDir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0));
        platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static Map<String, Set<Role>> expected() {
        var out = new LinkedHashMap<String, Set<Role>>();
        for (String line : MATRIX.strip().split("\n")) {
            String[] cols = line.trim().split("\\s+");
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (int i = 2; i < cols.length; i++) {
                if (cols[i].equals("*")) {
                    roles.addAll(EnumSet.allOf(Role.class));
                } else {
                    roles.add(LETTERS.get(cols[i].charAt(0)));
                }
            }
            out.put(cols[0] + " " + cols[1], roles);
        }
        return out;
    }

    private static Set<String> registered() {
        var out = new TreeSet<String>();
        for (VigieServer.Route r : platform.server().routes()) {
            out.add(r.method() + " " + r.path());
        }
        return out;
    }

    @Test
    void theMatrixNamesEveryRegisteredRouteAndNoOther() {
        assertThat(new TreeSet<>(expected().keySet())).isEqualTo(registered());
    }

    @Test
    void everyRegisteredRouteHasARuleInTheAccessTable() {
        for (VigieServer.Route r : platform.server().routes()) {
            assertThat(platform.server().access().rules().find(r.method(), example(r.path())))
                    .as("rule for %s %s", r.method(), r.path()).isPresent();
        }
    }

    @Test
    void theOpenApiDocumentDescribesExactlyTheRegisteredRoutes() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(platform.url() + "api/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = Json.MAPPER.readTree(r.body());
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        var described = new TreeSet<String>();
        doc.path("paths").properties().forEach(p -> p.getValue().properties().forEach(m -> {
            if (Set.of("get", "post", "put", "patch", "delete").contains(m.getKey())) {
                described.add(m.getKey().toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
                assertThat(m.getValue().path("summary").asText()).as(p.getKey()).isNotBlank();
                assertThat(m.getValue().path("responses").isObject()).isTrue();
            }
        }));
        assertThat(described).isEqualTo(registered());
    }

    /** Each cell: anonymous and every role on every route. */
    @Test
    void everyRouteAsEveryRole() throws Exception {
        Map<String, Set<Role>> matrix = expected();
        var wrong = new ArrayList<String>();
        int cells = 0;
        for (var entry : matrix.entrySet()) {
            String method = entry.getKey().split(" ")[0];
            String path = example(entry.getKey().split(" ")[1]);
            List<Role> callers = new ArrayList<>(List.of(Role.values())); // PUBLIC stands for anonymous
            for (Role caller : callers) {
                boolean allowed = entry.getValue().contains(caller);
                Outcome o = call(method, path, caller == Role.PUBLIC ? null : TestAccess.bearer(caller));
                cells++;
                // A signed-out browser asking for a console page is sent to the sign-in page: denied too.
                boolean denied = o.type().equals("unauthenticated") || o.type().equals("forbidden")
                        || o.type().equals("sign-in-required");
                if (allowed == denied) {
                    wrong.add(entry.getKey() + " as " + caller.jsonName() + ": expected " + (allowed ? "allowed" : "denied")
                            + ", got " + o.status() + " " + o.type());
                } else if (denied) {
                    int status = caller != Role.PUBLIC ? 403 : o.type().equals("sign-in-required") ? 303 : 401;
                    if (o.status() != status) {
                        wrong.add(entry.getKey() + " as " + caller.jsonName() + ": denied with " + o.status()
                                + " instead of " + status);
                    }
                }
            }
        }
        assertThat(cells).isEqualTo(matrix.size() * Role.values().length);
        assertThat(wrong).isEmpty();
    }

    @Test
    void aRouteWithoutARuleIsClosed() throws Exception {
        assertThat(call("GET", "/api/v1/not-a-route", null).status()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/not-a-route", TestAccess.bearer(Role.ADMIN)).status()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/evidence/2026-07-14/abc.jpg", TestAccess.bearer(Role.AUDITOR)).status())
                .as("an auditor never opens evidence").isEqualTo(403);
        assertThat(call("GET", "/console/queue", null)).satisfies(o -> assertThat(o.status()).isEqualTo(303));
        assertThat(call("GET", "/api/v1/incidents", "Bearer not-a-key").status()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/incidents", "Basic b3A6b3A=").status()).isEqualTo(401);
    }

    @Test
    void pageShellsAndAssetsAreOpenTheirDataIsNot() throws Exception {
        for (String asset : List.of("/", "/console.js", "/console.css", "/report.html",
                "/webjars/leaflet/1.9.4/dist/leaflet.js")) {
            assertThat(call("GET", asset, null).status()).as(asset).isEqualTo(200);
        }
        assertThat(call("GET", "/vigie.db", null).status()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/incidents/stream", null).status()).isEqualTo(401);
    }

    private record Outcome(int status, String type) {
    }

    /** Sends a request with a harmless body and reads only the start of the answer (the live stream never ends). */
    private static Outcome call(String method, String path, String authorization) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(platform.url() + path.substring(1))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        b.method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString("{}"));
        HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            String type = "";
            if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                byte[] head = in.readNBytes(64 * 1024);
                try {
                    type = Json.MAPPER.readTree(head).path("type").asText("");
                } catch (java.io.IOException notAnError) {
                    type = "";
                }
            }
            return new Outcome(r.statusCode(), type);
        }
    }

    /** A path with its parameters filled with values that name nothing (so no call changes anything). */
    private static String example(String template) {
        var values = new HashMap<String, String>();
        values.put("id", UUID.randomUUID().toString());
        values.put("name", "nobody-here");
        values.put("format", "no-such-format");
        values.put("file", "services.json");
        values.put("step", "no-such-step");
        values.put("day", "2026-01-01");
        values.put("table", "quality");
        String out = template;
        for (var v : values.entrySet()) {
            out = out.replace("{" + v.getKey() + "}", v.getValue());
        }
        assertThat(out).as(template).doesNotContain("{");
        return out;
    }
}
