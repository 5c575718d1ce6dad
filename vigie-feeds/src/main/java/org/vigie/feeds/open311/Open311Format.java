package org.vigie.feeds.open311;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vigie.core.model.Attributes;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventRules;
import org.vigie.core.model.EventType;
import org.vigie.core.model.InvalidEventException;
import org.vigie.core.model.Location;
import org.vigie.core.model.Source;
import org.vigie.core.model.SourceKind;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.FeedIds;
import org.vigie.feeds.FeedParseException;
import org.vigie.feeds.RejectedRecord;

/**
 * Client mode: another city's (or another Vigie's) GeoReport {@code GET requests.json} or {@code .xml} answer
 * read into events, one per open request.
 *
 * <ul>
 *   <li>The event id comes from the source, the request id and its {@code updated_datetime}, so polling the same
 *       answer again stores nothing twice, and an edited request is a new event.</li>
 *   <li>A closed request gives no event: it reports a problem the city has already dealt with (counted in
 *       {@link FeedBatch#records()} like a cancelled alert).</li>
 *   <li>A request without a usable position (no lat/long, or the 0,0 that exports write for "unknown") cannot be
 *       placed on the map: it is rejected with the reason. Vigie does not geocode addresses.</li>
 *   <li>Each request is its own source ({@code citizen/FEED:ID}): reports from different citizens are
 *       independent, which is what an incident's confidence counts.</li>
 * </ul>
 * Whatever identifies a person in a record (some servers add e-mail or account fields) is never read: only the
 * fields below are, and free text is redacted ({@link FreeText}).
 */
public final class Open311Format implements FeedFormat {
    public static final String NAME = "open311";
    /** A citizen's report is a claim by one person: likely, not certain. */
    public static final double CITIZEN_CONFIDENCE = 0.6;
    /** A point picked on a phone or a map is good to a few tens of metres. */
    public static final double CITIZEN_ACCURACY_METERS = 50;
    static final int MAX_ID_LENGTH = 64;

    private final ServiceTypes types;

    public Open311Format() {
        this(ServiceTypes.defaults());
    }

    public Open311Format(ServiceTypes types) {
        this.types = types;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FeedBatch parse(byte[] document, FeedContext context) throws FeedParseException {
        if (document.length > MAX_DOCUMENT_BYTES) {
            throw new FeedParseException("the document has " + document.length + " bytes; at most "
                    + MAX_DOCUMENT_BYTES + " are read");
        }
        List<Open311Reader.Raw> records = Open311Reader.read(document);
        var events = new ArrayList<Event>();
        var rejected = new ArrayList<RejectedRecord>();
        for (Open311Reader.Raw r : records) {
            if (r.problem() != null) {
                rejected.add(new RejectedRecord(r.ref(), r.problem(), r.raw()));
                continue;
            }
            String id = r.fields().get("service_request_id");
            String ref = id == null ? r.ref() : "request " + clip(id, 80) + " (" + r.ref().substring("request ".length())
                    + ")";
            try {
                Event e = toEvent(r.fields(), context);
                if (e != null) {
                    events.add(e);
                }
            } catch (IllegalArgumentException e) { // InvalidEventException included: it names each field
                rejected.add(new RejectedRecord(ref, e.getMessage(), r.raw()));
            }
        }
        return new FeedBatch(records.size(), events, rejected);
    }

    /** @return null for a closed request */
    private Event toEvent(Map<String, String> f, FeedContext context) {
        String id = f.get("service_request_id");
        if (id == null) {
            throw new IllegalArgumentException("service_request_id is missing; without it a request cannot be told "
                    + "apart from its next version");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("service_request_id has " + id.length() + " characters; at most "
                    + MAX_ID_LENGTH + " are accepted");
        }
        String status = f.get("status");
        if (status != null && status.toLowerCase(Locale.ROOT).equals("closed")) {
            return null;
        }
        Instant requested = instant(f, "requested_datetime", true);
        Instant updated = instant(f, "updated_datetime", false);
        Location location = location(f);
        EventType type = types.typeOf(f.get("service_code"), f.get("service_name"));
        var attributes = new java.util.LinkedHashMap<String, Object>();
        attributes.put("service_request_id", id);
        putText(attributes, "service_code", f.get("service_code"));
        putText(attributes, "service_name", f.get("service_name"));
        putText(attributes, "status", status);
        putText(attributes, "description", FreeText.redact(f.get("description")));
        putText(attributes, "address", FreeText.redact(f.get("address")));
        putText(attributes, "agency_responsible", f.get("agency_responsible"));
        String media = f.get("media_url");
        if (media != null && isWebLink(media)) {
            putText(attributes, "media_url", media);
        }
        // Checked before the id is made from the time, which must fit in a UUIDv7's 48-bit milliseconds.
        var timeErrors = EventRules.checkTimes(requested, context.receivedAt());
        if (!timeErrors.isEmpty()) {
            throw new InvalidEventException(timeErrors);
        }
        String version = id + "|" + (updated != null ? updated : requested);
        return Event.builder()
                .id(FeedIds.eventId(NAME, context.sourceId(), version, requested))
                .occurredAt(requested)
                .receivedAt(context.receivedAt())
                .source(SourceKind.CITIZEN, sourceId(context.sourceId(), id))
                .type(type)
                .location(location)
                .confidence(CITIZEN_CONFIDENCE)
                .attributes(Attributes.of(attributes))
                .build();
    }

    /** {@code FEED:ID}, shortening the feed's name (never the request id) to fit a source id. */
    static String sourceId(String feed, String requestId) {
        int room = Source.MAX_ID_LENGTH - requestId.length() - 1;
        return (feed.length() > room ? feed.substring(0, room) : feed) + ":" + requestId;
    }

    private static Instant instant(Map<String, String> f, String field, boolean required) {
        String text = f.get(field);
        if (text == null) {
            if (required) {
                throw new IllegalArgumentException(field + " is missing; it says when the problem was reported");
            }
            return null;
        }
        try {
            return W3cDateTime.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }

    private static Location location(Map<String, String> f) {
        String lat = f.get("lat");
        String lon = f.get("long");
        if (lat == null || lon == null) {
            throw new IllegalArgumentException("no location: lat and long are " + (lat == null && lon == null
                    ? "missing" : lat == null ? "incomplete (lat missing)" : "incomplete (long missing)")
                    + "; an address alone cannot be placed (Vigie does not geocode)");
        }
        double la = number("lat", lat);
        double lo = number("long", lon);
        if (la == 0 && lo == 0) {
            throw new IllegalArgumentException("no location: lat/long 0,0 is the placeholder of a record without a "
                    + "position, not a place");
        }
        return Location.of(la, lo, CITIZEN_ACCURACY_METERS);
    }

    private static double number(String field, String text) {
        try {
            double v = Double.parseDouble(text);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(field + " must be a number, got '" + clip(text, 40) + "'");
    }

    static boolean isWebLink(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        return (u.startsWith("https://") || u.startsWith("http://")) && url.length() <= Attributes.MAX_TEXT_LENGTH
                && url.chars().noneMatch(c -> c <= ' ');
    }

    private static void putText(Map<String, Object> attributes, String key, String value) {
        if (value != null && !value.isBlank()) {
            attributes.put(key, clip(value, Attributes.MAX_TEXT_LENGTH));
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
