package org.vigie.server.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.vigie.core.evidence.EvidenceStore;
import org.vigie.core.geo.City;
import org.vigie.core.json.EventJson;
import org.vigie.core.json.IncidentJson;
import org.vigie.core.json.Json;
import org.vigie.core.model.Event;
import org.vigie.core.model.EvidenceRef;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.sop.Checklist;
import org.vigie.core.sop.Procedures;
import org.vigie.server.HealthContribution;
import org.vigie.server.RouteGroup;
import org.vigie.server.access.AuditTrail;
import org.vigie.server.access.Principal;
import org.vigie.server.api.ApiError;
import org.vigie.server.api.Requests;
import org.vigie.server.cameras.CameraDirectory;
import org.vigie.server.cameras.CameraLayout;
import org.vigie.store.IncidentQuery;
import org.vigie.store.IncidentRepository;
import org.vigie.store.Store;

/**
 * The operator console: the live queue, the map, an incident with its evidence, search, camera zones and source
 * health, as server-rendered pages (JTE) with htmx and a little JavaScript, plus the JSON they and other clients
 * use. Every opening of evidence and every search is written to the audit trail; so is every layout change.
 */
public final class ConsoleRoutes implements RouteGroup {
    /** The queue: what still needs an operator's decision. */
    static final EnumSet<IncidentStatus> OPEN = EnumSet.of(IncidentStatus.NEW, IncidentStatus.ACKNOWLEDGED);
    static final int QUEUE_SIZE = 200;

    private final Store store;
    private final City city;
    private final CameraDirectory cameras;
    private final AuditTrail audit;
    private final List<HealthContribution> health;
    private final ConsoleSettings settings;
    private final Procedures procedures;
    private final Clock clock;
    private final EvidenceRoutes evidence;
    private final Pages pages = new Pages();

    public ConsoleRoutes(Store store, City city, EvidenceStore evidenceStore, CameraDirectory cameras, AuditTrail audit,
                         List<HealthContribution> health, ConsoleSettings settings, Procedures procedures, Clock clock) {
        this.store = store;
        this.city = city;
        this.cameras = cameras;
        this.audit = audit;
        this.health = List.copyOf(health);
        this.settings = settings;
        this.procedures = procedures;
        this.clock = clock;
        this.evidence = new EvidenceRoutes(evidenceStore, audit);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/console", this::queue);
        routes.get("/console/queue/rows", this::queueRows);
        routes.get("/console/map", this::map);
        routes.get("/console/incidents/{id}", this::incident);
        routes.get("/console/search", this::searchPage);
        routes.get("/console/cameras", this::camerasPage);
        routes.get("/console/cameras/{id}", this::cameraPage);
        routes.get("/console/sources", this::sourcesPage);

        routes.get("/api/v1/evidence/{day}/{file}", evidence::get);
        routes.get("/api/v1/search", this::search);
        routes.get("/api/v1/incidents/{id}/history", this::history);
        routes.get("/api/v1/cameras", this::cameraList);
        routes.get("/api/v1/cameras/{id}/snapshot", this::snapshot);
        routes.get("/api/v1/cameras/{id}/layout", this::layout);
        routes.put("/api/v1/cameras/{id}/layout", this::replaceLayout);
        routes.get("/api/v1/sensors", this::sensors);
        routes.get("/api/v1/sources/health", ctx -> ctx.json(sourceHealth().json()));
    }

    private void queue(Context ctx) {
        pages.render(ctx, "queue.jte", Map.of("page", Page.of(ctx, "queue", settings.timeZone()), "incidents", openIncidents()));
    }

    /** The rows alone, which the queue page fetches again on every live update. */
    private void queueRows(Context ctx) {
        pages.render(ctx, "queue-rows.jte", Map.of("page", Page.of(ctx, "queue", settings.timeZone()), "incidents", openIncidents()));
    }

    private List<Incident> openIncidents() {
        return store.incidents().search(new IncidentQuery(OPEN, EnumSet.noneOf(org.vigie.core.model.EventType.class),
                null, null, QUEUE_SIZE, 0)).items();
    }

    private void map(Context ctx) {
        pages.render(ctx, "map.jte", Map.of("page", Page.of(ctx, "map", settings.timeZone()), "settings", settings));
    }

    private void incident(Context ctx) {
        IncidentId id = Requests.incidentId(ctx);
        Incident incident = store.incidents().find(id).orElseThrow(() -> ApiError.notFound("no incident " + id));
        List<Event> events = store.events().findAll(incident.eventIds());
        var refs = new ArrayList<EvidenceRef>();
        for (Event e : events) {
            for (EvidenceRef r : e.evidence()) {
                if (r.uri().startsWith(EvidenceRoutes.SCHEME) && r.kind() != EvidenceRef.Kind.RECORD) {
                    refs.add(r);
                }
            }
        }
        var view = new IncidentView(incident, events, refs,
                Checklist.of(procedures, incident.type(), store.procedures().done(id)), store.incidents().history(id));
        pages.render(ctx, "incident.jte", Map.of("page", Page.of(ctx, "queue", settings.timeZone()), "view", view));
    }

    private void history(Context ctx) {
        IncidentId id = Requests.incidentId(ctx);
        store.incidents().find(id).orElseThrow(() -> ApiError.notFound("no incident " + id));
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (IncidentRepository.StatusChange c : store.incidents().history(id)) {
            ObjectNode o = items.addObject().put("version", c.version()).put("status", c.status().jsonName())
                    .put("by", c.verdict().by()).put("at", c.verdict().at().toString()).put("reason", c.verdict().reason());
            o.put("reasonCode", c.verdict().reasonCode() == null ? null : c.verdict().reasonCode().jsonName());
        }
        ctx.json(Json.MAPPER.createObjectNode().put("incident", id.toString()).set("history", items));
    }

    private void searchPage(Context ctx) {
        Page page = Page.of(ctx, "search", settings.timeZone());
        var params = new LinkedHashMap<String, Object>();
        params.put("page", page);
        params.put("city", city);
        if (ctx.queryParamMap().isEmpty() || ctx.queryParamMap().keySet().equals(java.util.Set.of("lang"))) {
            params.put("result", null);
            params.put("error", null);
            params.put("form", Map.of());
        } else {
            try {
                Search s = Search.parse(ctx, city, settings.timeZone());
                audit.record(Principal.of(ctx), "search", "console", s.describe());
                params.put("result", new SearchResult(s.events(store, city), s.incidents(store, city)));
                params.put("error", null);
                params.put("form", s.formValues(settings.timeZone()));
            } catch (ApiError e) {
                params.put("result", null);
                params.put("error", e.getMessage() + ": " + e.details().stream().map(d -> d.get("field") + " " + d.get("message"))
                        .toList());
                params.put("form", Map.of());
            }
        }
        pages.render(ctx, "search.jte", params);
    }

    private void search(Context ctx) {
        Search s = Search.parse(ctx, city, settings.timeZone());
        audit.record(Principal.of(ctx), "search", "api", s.describe());
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("query", s.describe());
        ArrayNode events = body.putArray("events");
        s.events(store, city).forEach(e -> events.add(EventJson.write(e)));
        ArrayNode incidents = body.putArray("incidents");
        s.incidents(store, city).forEach(i -> incidents.add(IncidentJson.writeSummary(i)));
        body.put("note", "no search by person, by design");
        ctx.json(body);
    }

    /** What a search found, for the page. */
    public record SearchResult(List<Event> events, List<Incident> incidents) {
    }

    private void camerasPage(Context ctx) {
        pages.render(ctx, "cameras.jte", Map.of("page", Page.of(ctx, "cameras", settings.timeZone()), "cameras", cameras.cameras()));
    }

    private void cameraPage(Context ctx) {
        CameraDirectory.Camera camera = camera(ctx);
        pages.render(ctx, "camera.jte", Map.of("page", Page.of(ctx, "cameras", settings.timeZone()), "camera", camera));
    }

    private CameraDirectory.Camera camera(Context ctx) {
        String id = ctx.pathParam("id");
        return cameras.find(id).orElseThrow(() -> ApiError.notFound("no camera " + id));
    }

    private void cameraList(Context ctx) {
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (CameraDirectory.Camera c : cameras.cameras()) {
            items.addObject().put("id", c.id()).put("name", c.name()).put("lat", c.lat()).put("lon", c.lon());
        }
        ctx.json(Json.MAPPER.createObjectNode().set("cameras", items));
    }

    /** The camera's latest image is what it sees: opening it is audited like evidence, and never cached. */
    private void snapshot(Context ctx) {
        EvidenceRoutes.refuseAuditor(ctx);
        CameraDirectory.Camera camera = camera(ctx);
        CameraDirectory.Snapshot s = cameras.latestSnapshot(camera.id())
                .orElseThrow(() -> ApiError.notFound("camera " + camera.id() + " has sent no image yet"));
        audit.record(Principal.of(ctx), "evidence.view", "camera:" + camera.id() + "/snapshot", "latest snapshot");
        ctx.header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff")
                .contentType(s.mediaType()).result(s.bytes());
    }

    private void layout(Context ctx) {
        ctx.json(cameras.layout(camera(ctx).id()).json());
    }

    private void replaceLayout(Context ctx) {
        CameraDirectory.Camera camera = camera(ctx);
        CameraLayout layout = CameraLayout.read(Requests.jsonObject(ctx));
        // Audited first: a change the log cannot record must not happen.
        audit.record(Principal.of(ctx), "config.change", "camera:" + camera.id() + "/layout",
                layout.zones().size() + " zone(s), " + layout.lines().size() + " line(s)");
        CameraDirectory.Saved saved;
        try {
            saved = cameras.replaceLayout(camera.id(), layout);
        } catch (NoSuchElementException e) {
            throw ApiError.notFound("no camera " + camera.id());
        }
        // The running camera has the layout either way; whether a restart keeps it is said, never assumed.
        ctx.json(cameras.layout(camera.id()).json().put("persisted", saved.persisted()).put("persistence", saved.note()));
    }

    private void sensors(Context ctx) {
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (ConsoleSettings.Sensor s : settings.sensors()) {
            items.addObject().put("id", s.id()).put("name", s.name()).put("lat", s.lat()).put("lon", s.lon());
        }
        ctx.json(Json.MAPPER.createObjectNode().set("sensors", items));
    }

    private void sourcesPage(Context ctx) {
        pages.render(ctx, "sources.jte", Map.of("page", Page.of(ctx, "sources", settings.timeZone()), "health", sourceHealth()));
    }

    private SourceHealth sourceHealth() {
        return SourceHealth.collect(store, health, cameras, settings.sensors(), clock.instant());
    }
}
