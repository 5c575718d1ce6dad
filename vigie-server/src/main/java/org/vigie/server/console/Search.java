package org.vigie.server.console;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.vigie.core.geo.BoundingBox;
import org.vigie.core.geo.City;
import org.vigie.core.geo.District;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.SourceKind;
import org.vigie.server.api.ApiError;
import org.vigie.server.api.Requests;
import org.vigie.store.EventSearch;
import org.vigie.store.IncidentQuery;
import org.vigie.store.Store;

/**
 * A search of events and incidents by type, time range, district, kind of source and status. It has no criterion
 * about a person and never will: Vigie finds situations, not people (no description, no appearance, no track).
 *
 * @param from  inclusive, or null
 * @param to    exclusive, or null
 * @param zone  a district code, or null
 * @param limit per list
 */
public record Search(Set<EventType> types, Instant from, Instant to, District zone, Set<SourceKind> sources,
                     Set<IncidentStatus> statuses, int limit) {
    public static final int DEFAULT_LIMIT = 200;

    /** The search in words for the audit log: what was asked, never what was found. */
    public String describe() {
        var parts = new ArrayList<String>();
        if (!types.isEmpty()) {
            parts.add("type=" + String.join(",", types.stream().map(EventType::jsonName).sorted().toList()));
        }
        if (from != null) {
            parts.add("from=" + from);
        }
        if (to != null) {
            parts.add("to=" + to);
        }
        if (zone != null) {
            parts.add("zone=" + zone.code());
        }
        if (!sources.isEmpty()) {
            parts.add("source=" + String.join(",", sources.stream().map(SourceKind::jsonName).sorted().toList()));
        }
        if (!statuses.isEmpty()) {
            parts.add("status=" + String.join(",", statuses.stream().map(IncidentStatus::jsonName).sorted().toList()));
        }
        return parts.isEmpty() ? "everything" : String.join(" ", parts);
    }

    /**
     * Reads the query, reporting every wrong parameter at once. Times are ISO instants ({@code 2026-07-14T08:00:00Z})
     * or local date-times as a browser's {@code datetime-local} field sends them, read in {@code zoneId}.
     */
    static Search parse(Context ctx, City city, ZoneId zoneId) {
        var errors = new ArrayList<Map<String, Object>>();
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (String t : Requests.csv(ctx.queryParam("type"))) {
            EventType.fromJson(t).ifPresentOrElse(types::add,
                    () -> errors.add(Requests.fieldError("type", "unknown type '" + t + "'; see /api/v1/taxonomy")));
        }
        Set<SourceKind> sources = EnumSet.noneOf(SourceKind.class);
        for (String s : Requests.csv(ctx.queryParam("source"))) {
            SourceKind.fromJson(s).ifPresentOrElse(sources::add,
                    () -> errors.add(Requests.fieldError("source", "unknown kind of source '" + s + "'")));
        }
        Set<IncidentStatus> statuses = EnumSet.noneOf(IncidentStatus.class);
        for (String s : Requests.csv(ctx.queryParam("status"))) {
            IncidentStatus.fromJson(s).ifPresentOrElse(statuses::add, () -> errors.add(Requests.fieldError("status",
                    "unknown status '" + s + "'; expected new, acknowledged, confirmed, dismissed, closed")));
        }
        Instant from = time(ctx, "from", zoneId, errors);
        Instant to = time(ctx, "to", zoneId, errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(Requests.fieldError("to", "must be after from"));
        }
        District zone = null;
        String zoneCode = ctx.queryParam("zone");
        if (zoneCode != null && !zoneCode.isBlank()) {
            zone = city.findDistrict(zoneCode.strip()).orElse(null);
            if (zone == null) {
                errors.add(Requests.fieldError("zone", "unknown district '" + zoneCode + "'; see /api/v1/zones"));
            }
        }
        for (String p : List.of("person", "description", "appearance", "track")) {
            if (ctx.queryParam(p) != null) {
                errors.add(Requests.fieldError(p, "Vigie does not search for people, by design"));
            }
        }
        int limit = Requests.intParam(ctx, "limit", DEFAULT_LIMIT, 1, IncidentQuery.MAX_LIMIT, errors);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("invalid search: " + errors.size() + " parameter(s)", errors);
        }
        return new Search(types, from, to, zone, sources, statuses, limit);
    }

    private static Instant time(Context ctx, String name, ZoneId zoneId, List<Map<String, Object>> errors) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(v.strip());
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDateTime.parse(v.strip()).atZone(zoneId).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(Requests.fieldError(name, "must be an instant such as 2026-07-14T08:00:00Z or a local "
                        + "date-time such as 2026-07-14T10:00, got '" + v + "'"));
                return null;
            }
        }
    }

    /** The events that match, newest first. Status does not apply to events. */
    List<Event> events(Store store, City city) {
        BoundingBox box = zone == null ? null : bounds(zone);
        var q = new EventSearch(types, sources, from, to, box, Math.min(limit * 4, EventSearch.MAX_LIMIT));
        return store.events().search(q).stream().filter(e -> inZone(city, e.location().lat(), e.location().lon()))
                .limit(limit).toList();
    }

    /** The incidents that match, by priority then recency; an incident matches a source if any member came from it. */
    List<Incident> incidents(Store store, City city) {
        BoundingBox box = zone == null ? null : bounds(zone);
        var q = new IncidentQuery(statuses, types, from, box, IncidentQuery.MAX_LIMIT, 0);
        return store.incidents().search(q).items().stream()
                .filter(i -> to == null || i.firstSeen().isBefore(to))
                .filter(i -> inZone(city, i.location().lat(), i.location().lon()))
                .filter(i -> sources.isEmpty() || i.sourceConfidence().keySet().stream()
                        .anyMatch(s -> sources.stream().anyMatch(k -> s.startsWith(k.jsonName() + "/"))))
                .limit(limit).toList();
    }

    private boolean inZone(City city, double lat, double lon) {
        return zone == null || city.findDistrict(lat, lon).map(d -> d.code().equals(zone.code())).orElse(false);
    }

    private static BoundingBox bounds(District d) {
        Envelope e = d.area().getEnvelopeInternal();
        return new BoundingBox(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
    }

    /** The query back as form values, for the search page to show what was asked. */
    Map<String, String> formValues(ZoneId zoneId) {
        var m = new LinkedHashMap<String, String>();
        m.put("type", types.size() == 1 ? types.iterator().next().jsonName() : "");
        m.put("source", sources.size() == 1 ? sources.iterator().next().jsonName() : "");
        m.put("status", statuses.size() == 1 ? statuses.iterator().next().jsonName() : "");
        m.put("zone", zone == null ? "" : zone.code());
        m.put("from", from == null ? "" : LocalDateTime.ofInstant(from, zoneId).toString());
        m.put("to", to == null ? "" : LocalDateTime.ofInstant(to, zoneId).toString());
        return m;
    }
}
