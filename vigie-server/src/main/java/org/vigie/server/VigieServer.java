package org.vigie.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.core.correlate.Correlation;
import org.vigie.core.geo.City;
import org.vigie.core.geo.CityGeoJson;
import org.vigie.core.json.Json;
import org.vigie.core.sop.Procedures;
import org.vigie.server.access.AccessControl;
import org.vigie.server.access.AccessRules;
import org.vigie.server.access.AccessSettings;
import org.vigie.server.access.Argon2id;
import org.vigie.server.access.AuditTrail;
import org.vigie.server.access.StoreAuditTrail;
import org.vigie.server.api.ErrorMapping;
import org.vigie.server.api.EventRoutes;
import org.vigie.server.api.IncidentRoutes;
import org.vigie.server.ingest.IngestService;
import org.vigie.server.live.LiveUpdates;
import org.vigie.store.Store;

/**
 * The HTTP face of one Vigie process: the API, the console, live updates, health and metrics. It owns no
 * state: incidents change only through the correlator, and reads come from the store.
 */
public final class VigieServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VigieServer.class);
    /** Ten thousand events of about a kilobyte each, with room to spare. */
    public static final long MAX_BODY_BYTES = 32L * 1024 * 1024;

    public record Settings(String host, int port) {
    }

    /** A route as registered: method and path template, e.g. {@code GET /api/v1/incidents/{id}}. */
    public record Route(String method, String path) {
    }

    private final List<Route> routes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AccessControl access;

    private final Javalin app;
    private final Settings settings;

    public VigieServer(Settings settings, Store store, Correlation correlator, IngestService ingest, City city,
                       LiveUpdates live, PrometheusMeterRegistry metrics, Clock clock, List<RouteGroup> routeGroups) {
        this(settings, store, correlator, ingest, city, live, metrics, clock, routeGroups, List.of(), Procedures.shipped());
    }

    /**
     * @param health     reports added to {@code GET /health}; they never change its status code
     * @param procedures the checklists shown with each incident
     */
    public VigieServer(Settings settings, Store store, Correlation correlator, IngestService ingest, City city,
                       LiveUpdates live, PrometheusMeterRegistry metrics, Clock clock, List<RouteGroup> routeGroups,
                       List<HealthContribution> health, Procedures procedures) {
        this(settings, store, correlator, ingest, city, live, metrics, clock, routeGroups, health, procedures,
                unchecked(store, clock));
    }

    /**
     * An access control that lets every request through (access disabled), still recording the audit trail in the
     * store: for tests of single route groups.
     */
    public static AccessControl unchecked(Store store, Clock clock) {
        return new AccessControl(AccessSettings.defaults().withEnabled(false), AccessRules.vigie(), store,
                new StoreAuditTrail(store.audit(), clock), clock, new Argon2id(Argon2id.DEFAULT));
    }

    /**
     * @param access who may call what; its filter runs before every route, and its audit trail records what
     *               people look at and decide
     */
    public VigieServer(Settings settings, Store store, Correlation correlator, IngestService ingest, City city,
                       LiveUpdates live, PrometheusMeterRegistry metrics, Clock clock, List<RouteGroup> routeGroups,
                       List<HealthContribution> health, Procedures procedures, AccessControl access) {
        this.settings = settings;
        this.access = access;
        AuditTrail audit = access.audit();
        String openApi = openApi();
        for (HealthContribution h : health) {
            if (h.name().equals("store") || h.name().equals("correlator")) {
                throw new IllegalArgumentException("health check name '" + h.name() + "' is taken");
            }
        }
        var incidents = new IncidentRoutes(store, correlator, clock, procedures, audit);
        var events = new EventRoutes(ingest, store, audit);
        String zones = CityGeoJson.write(city).toString();
        Timer.Builder requestTimer = Timer.builder("vigie.http.requests").publishPercentileHistogram(false);
        Gauge.builder("vigie.correlator.queue.depth", correlator, Correlation::queueDepth).register(metrics);
        Gauge.builder("vigie.correlator.open.incidents", correlator, Correlation::openIncidentCount).register(metrics);
        Gauge.builder("vigie.correlator.events.processed", correlator, Correlation::eventsProcessed).register(metrics);
        Gauge.builder("vigie.correlator.listener.failures", correlator, Correlation::listenerFailures).register(metrics);
        Gauge.builder("vigie.live.clients", live, LiveUpdates::clientCount).register(metrics);
        Gauge.builder("vigie.live.messages.sent", live, LiveUpdates::messagesSent).register(metrics);

        this.app = Javalin.create(config -> {
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.staticFiles.enableWebjars();
            config.staticFiles.add("/public", Location.CLASSPATH);
            config.requestLogger.http((ctx, ms) -> requestTimer
                    .tags("method", ctx.method().name(), "status", Integer.toString(ctx.statusCode()),
                            "route", routeOf(ctx))
                    .register(metrics).record(Duration.ofNanos((long) (ms * 1_000_000))));
            ErrorMapping.install(config);
            config.events.handlerAdded(h -> {
                if (h.getHttpMethod().isHttpMethod()) {
                    routes.add(new Route(h.getHttpMethod().name(), h.getPath()));
                }
            });
            access.install(config);
            config.routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));

            config.routes.post("/api/v1/events", events::post);
            config.routes.get("/api/v1/events/{id}", events::get);
            config.routes.get("/api/v1/quarantine", events::quarantine);
            config.routes.get("/api/v1/taxonomy", EventRoutes::taxonomy);
            config.routes.get("/api/v1/incidents", incidents::list);
            config.routes.sse("/api/v1/incidents/stream", live::register);
            config.routes.get("/api/v1/incidents/{id}", incidents::get);
            config.routes.post("/api/v1/incidents/{id}/verdict", incidents::verdict);
            routeGroups.forEach(group -> group.register(config.routes));
            config.routes.get("/api/v1/zones", ctx -> ctx.contentType("application/geo+json").result(zones));
            config.routes.get("/health", ctx -> {
                boolean storeUp = store.isHealthy();
                boolean correlatorUp = correlator.isRunning();
                ObjectNode body = Json.MAPPER.createObjectNode();
                body.put("status", storeUp && correlatorUp ? "up" : "down");
                ObjectNode checks = body.putObject("checks");
                checks.putObject("store").put("status", storeUp ? "up" : "down").put("engine", store.engine());
                checks.putObject("correlator").put("status", correlatorUp ? "up" : "down")
                        .put("queueDepth", correlator.queueDepth()).put("openIncidents", correlator.openIncidentCount());
                for (HealthContribution h : health) {
                    checks.set(h.name(), contribution(h));
                }
                ctx.status(storeUp && correlatorUp ? 200 : 503).json(body);
            });
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
        });
    }

    private static String openApi() {
        var in = VigieServer.class.getResourceAsStream("openapi.json");
        if (in == null) {
            throw new IllegalStateException("openapi.json is missing from the build");
        }
        try (in) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read openapi.json", e);
        }
    }

    /** Every HTTP route registered, in registration order (static files and before/after filters excluded). */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    public AccessControl access() {
        return access;
    }

    /** A contribution that fails is reported as such; it must not turn the health answer into a 500. */
    private static ObjectNode contribution(HealthContribution h) {
        try {
            return h.check();
        } catch (RuntimeException e) {
            LOG.warn("health check {} failed", h.name(), e);
            return Json.MAPPER.createObjectNode().put("status", "unknown").put("error", String.valueOf(e.getMessage()));
        }
    }

    /** The route template (not the raw path), so ids do not explode the number of time series. */
    private static String routeOf(io.javalin.http.Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    public VigieServer start() {
        app.start();
        return this;
    }

    /** The port actually bound (useful when 0 was asked for). */
    public int port() {
        return app.port();
    }

    public String url() {
        String host = settings.host().equals("0.0.0.0") ? "localhost" : settings.host();
        return "http://" + host + ":" + port() + "/";
    }

    @Override
    public void close() {
        app.stop();
    }
}
