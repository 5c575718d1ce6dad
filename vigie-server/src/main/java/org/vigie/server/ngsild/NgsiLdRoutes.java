package org.vigie.server.ngsild;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.vigie.core.geo.City;
import org.vigie.core.geo.District;
import org.vigie.core.json.Json;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.feeds.ngsild.AlertWriter;
import org.vigie.server.RouteGroup;
import org.vigie.server.api.ApiError;
import org.vigie.server.api.Requests;
import org.vigie.store.IncidentPage;
import org.vigie.store.IncidentQuery;
import org.vigie.store.Store;

/**
 * The read side of the NGSI-LD API (ETSI GS CIM 009) for the incidents that are still open, as Smart Data Models
 * {@code Alert} entities: {@code GET /ngsi-ld/v1/entities?type=Alert} and {@code GET /ngsi-ld/v1/entities/{id}}.
 * A context broker or a city data platform can read Vigie as it reads any NGSI-LD source.
 *
 * <p>Only what is listed in {@code docs/ngsi-ld.md} is supported: filtering by type, {@code limit}/{@code offset},
 * {@code count}, the normalized and simplified representations. Anything else ({@code q}, {@code geoQ},
 * {@code attrs} …) is a 400 naming the parameter rather than an answer that silently ignores it. Errors keep
 * Vigie's one shape, with the NGSI-LD problem type as {@code type}.
 */
public final class NgsiLdRoutes implements RouteGroup {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = IncidentQuery.MAX_LIMIT;
    /** Dismissed and closed incidents are no longer alerts. */
    static final Set<IncidentStatus> PUBLISHED = EnumSet.of(IncidentStatus.NEW, IncidentStatus.ACKNOWLEDGED,
            IncidentStatus.CONFIRMED);
    static final String BAD_REQUEST = "https://uri.etsi.org/ngsi-ld/errors/BadRequestData";
    static final String NOT_FOUND = "https://uri.etsi.org/ngsi-ld/errors/ResourceNotFound";
    static final String LD_JSON = "application/ld+json";
    static final String JSON = "application/json";
    private static final Set<String> LIST_PARAMETERS = Set.of("type", "limit", "offset", "count", "options", "format");
    private static final Set<String> ENTITY_PARAMETERS = Set.of("type", "options", "format");

    private final Store store;
    private final City city;

    /** @param city names the district of each alert ({@code areaServed}); null to leave it out */
    public NgsiLdRoutes(Store store, City city) {
        this.store = store;
        this.city = city;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/ngsi-ld/v1/entities", this::list);
        routes.get("/ngsi-ld/v1/entities/{id}", this::get);
    }

    private void list(Context ctx) {
        String media = negotiate(ctx.header("Accept"));
        var errors = new ArrayList<Map<String, Object>>();
        rejectUnsupported(ctx, LIST_PARAMETERS, errors);
        String typeParam = ctx.queryParam("type");
        if (typeParam == null || typeParam.isBlank()) {
            errors.add(Requests.fieldError("type", "required: this server holds entities of type " + AlertWriter.TYPE
                    + " only, so a query names it (type=" + AlertWriter.TYPE + ")"));
        }
        AlertWriter.Representation representation = representation(ctx, errors);
        boolean count = flag(ctx, "count", errors);
        int limit = Requests.intParam(ctx, "limit", DEFAULT_LIMIT, 0, MAX_LIMIT, errors);
        int offset = Requests.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE, errors);
        if (limit == 0 && !count) {
            errors.add(Requests.fieldError("limit", "0 is allowed only with count=true"));
        }
        if (!errors.isEmpty()) {
            throw new ApiError(400, BAD_REQUEST, "unsupported or invalid query: " + errors.size() + " parameter(s)", errors);
        }
        ArrayNode body = Json.MAPPER.createArrayNode();
        long total = 0;
        if (Requests.csv(typeParam).stream().anyMatch(t -> t.equals(AlertWriter.TYPE) || t.equals(AlertWriter.TYPE_IRI))) {
            IncidentPage page = store.incidents().search(new IncidentQuery(PUBLISHED, Set.of(), null, null,
                    Math.max(1, limit), offset));
            total = page.total();
            if (limit > 0) {
                for (Incident i : page.items()) {
                    body.add(AlertWriter.write(i, areaOf(i), representation, media.equals(LD_JSON)));
                }
            }
        }
        if (count) {
            ctx.header("NGSILD-Results-Count", Long.toString(total));
        }
        answer(ctx, media, body);
    }

    private void get(Context ctx) {
        String media = negotiate(ctx.header("Accept"));
        var errors = new ArrayList<Map<String, Object>>();
        rejectUnsupported(ctx, ENTITY_PARAMETERS, errors);
        AlertWriter.Representation representation = representation(ctx, errors);
        String id = ctx.pathParam("id");
        if (!id.matches("[A-Za-z][A-Za-z0-9+.-]*:\\S+")) {
            errors.add(Requests.fieldError("id", "an entity id is a URI such as " + AlertWriter.ID_PREFIX + "<uuid>, got '"
                    + id + "'"));
        }
        if (!errors.isEmpty()) {
            throw new ApiError(400, BAD_REQUEST, "invalid request: " + errors.size() + " problem(s)", errors);
        }
        String type = ctx.queryParam("type");
        boolean typeMatches = type == null || Requests.csv(type).stream()
                .anyMatch(t -> t.equals(AlertWriter.TYPE) || t.equals(AlertWriter.TYPE_IRI));
        Incident incident = AlertWriter.incidentId(id).filter(x -> typeMatches).flatMap(this::findPublished)
                .orElseThrow(() -> new ApiError(404, NOT_FOUND, "no entity " + id + " (only open incidents are published)"));
        answer(ctx, media, AlertWriter.write(incident, areaOf(incident), representation, media.equals(LD_JSON)));
    }

    private java.util.Optional<Incident> findPublished(IncidentId id) {
        return store.incidents().find(id).filter(i -> PUBLISHED.contains(i.status()));
    }

    private String areaOf(Incident i) {
        return city == null ? null
                : city.findDistrict(i.location().lat(), i.location().lon()).map(District::name).orElse(null);
    }

    /**
     * {@code application/ld+json} carries the context in the body; {@code application/json} in a Link header, as
     * the NGSI-LD API requires for plain JSON.
     */
    private static void answer(Context ctx, String media, JsonNode body) {
        if (media.equals(JSON)) {
            ctx.header("Link", "<" + AlertWriter.ALERT_CONTEXT + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; "
                    + "type=\"application/ld+json\"");
        }
        try {
            ctx.contentType(media).result(Json.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON that was just built", e);
        }
    }

    private static void rejectUnsupported(Context ctx, Set<String> supported, List<Map<String, Object>> errors) {
        for (String name : new TreeSet<>(ctx.queryParamMap().keySet())) {
            if (!supported.contains(name)) {
                errors.add(Requests.fieldError(name, "not supported by this server; supported: " + new TreeSet<>(supported)));
            }
        }
    }

    /** NGSI-LD's {@code options=keyValues|normalized} and, since 1.8, {@code format=simplified|normalized}. */
    private static AlertWriter.Representation representation(Context ctx, List<Map<String, Object>> errors) {
        AlertWriter.Representation chosen = AlertWriter.Representation.NORMALIZED;
        for (String name : List.of("options", "format")) {
            for (String o : Requests.csv(ctx.queryParam(name))) {
                switch (o) {
                    case "keyValues", "simplified" -> chosen = AlertWriter.Representation.SIMPLIFIED;
                    case "normalized" -> chosen = AlertWriter.Representation.NORMALIZED;
                    default -> errors.add(Requests.fieldError(name, "'" + o + "' is not supported; use normalized, "
                            + "keyValues or simplified"));
                }
            }
        }
        return chosen;
    }

    private static boolean flag(Context ctx, String name, List<Map<String, Object>> errors) {
        String v = ctx.queryParam(name);
        if (v == null || v.equals("false")) {
            return false;
        }
        if (v.equals("true")) {
            return true;
        }
        errors.add(Requests.fieldError(name, "must be true or false, got '" + v + "'"));
        return false;
    }

    /**
     * The media type of the answer: JSON-LD when the client asks for it at least as much as for JSON, plain JSON
     * otherwise (also for no Accept or {@code *}{@code /*}), and 406 when it accepts neither.
     */
    static String negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        double ld = -1;
        double json = -1;
        double wildcard = -1;
        for (String part : accept.split(",")) {
            String[] pieces = part.split(";");
            String range = pieces[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            switch (range) {
                case LD_JSON -> ld = Math.max(ld, q);
                case JSON -> json = Math.max(json, q);
                case "*/*", "application/*" -> wildcard = Math.max(wildcard, q);
                default -> {
                }
            }
        }
        double ldQ = ld >= 0 ? ld : wildcard;
        double jsonQ = json >= 0 ? json : wildcard;
        if (ld > 0 && ld >= jsonQ) {
            return LD_JSON;
        }
        if (jsonQ > 0) {
            return JSON;
        }
        if (ldQ > 0) {
            return LD_JSON;
        }
        throw new ApiError(406, "not-acceptable", "this server answers application/json or application/ld+json; "
                + "the Accept header allows neither: " + accept);
    }
}
