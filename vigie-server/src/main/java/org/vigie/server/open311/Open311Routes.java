package org.vigie.server.open311;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.core.geo.BoundingBox;
import org.vigie.core.geo.City;
import org.vigie.core.json.Json;
import org.vigie.core.model.Event;
import org.vigie.core.model.IncidentStatus;
import org.vigie.feeds.open311.Open311Writer;
import org.vigie.feeds.open311.ResponseFormat;
import org.vigie.feeds.open311.Service;
import org.vigie.feeds.open311.ServiceRequest;
import org.vigie.feeds.open311.ServiceRequestForm;
import org.vigie.feeds.open311.W3cDateTime;
import org.vigie.server.RouteGroup;
import org.vigie.server.ingest.IngestResult;
import org.vigie.server.ingest.IngestService;
import org.vigie.store.ServiceRequestQuery;
import org.vigie.store.Store;
import org.vigie.store.StoredServiceRequest;
import org.vigie.store.TrackedServiceRequest;

/**
 * GeoReport v2 under {@value #BASE}: {@code discovery}, {@code services}, {@code services/CODE},
 * {@code requests} (GET and POST), {@code requests/ID} and {@code tokens/TOKEN}, each as {@code .json} or
 * {@code .xml} (JSON when the extension is left out).
 *
 * <p>A posted request is checked ({@link ServiceRequestForm}: the reporter's personal fields are dropped first),
 * becomes a citizen event whose source is the request id, goes through {@link IngestService} like every other
 * event, and is stored with a random id and token. Its status is read from the incident its event joined:
 * dismissed or closed is {@code closed}, with the operator's reason as {@code status_notes}.
 *
 * <p>The report page. {@code /report.html} is a public form: whatever key it posts with, every visitor of the
 * page has it, so no key can make it private, and pretending otherwise (a same-origin check that any script
 * can forge) would be theatre. The page therefore fetches a configured <em>web form key</em> from
 * {@code /open311/web-form} and posts with it like any client. That key is not a secret but a switch: without it
 * configured the page says reports are closed, it can be rotated or withdrawn without touching the keys of
 * partner applications, which stay secret, and it marks which channel a request came through for whoever
 * operates the keys. Abuse (floods of reports) is a rate-limiting matter for the reverse proxy in front.
 */
public final class Open311Routes implements RouteGroup {
    public static final String BASE = "/open311/v2";
    /** GeoReport's limit on the span of a {@code GET requests} query, and its default window. */
    public static final Duration MAX_SPAN = Duration.ofDays(90);
    /** GeoReport's default limit on the number of requests one answer returns. */
    public static final int MAX_RESULTS = 1000;
    static final String INVALID_KEY = "Invalid api_key received -- can't proceed with create_request.";
    private static final Logger LOG = LoggerFactory.getLogger(Open311Routes.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Crockford's base 32: no I, L, O or U, so an id read out over the phone is not misheard. */
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Open311Settings settings;
    private final Store store;
    private final IngestService ingest;
    private final City city;
    private final BoundingBox bounds;
    private final Clock clock;
    private final ApiKeys partnerKeys;
    private final ApiKeys webFormKey;
    private final Instant changeset;

    public Open311Routes(Open311Settings settings, Store store, IngestService ingest, City city, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.ingest = ingest;
        this.city = city;
        this.bounds = city.bounds();
        this.clock = clock;
        this.partnerKeys = new ApiKeys(settings.apiKeys());
        this.webFormKey = new ApiKeys(settings.webFormKey() == null ? List.of() : List.of(settings.webFormKey()));
        this.changeset = clock.instant(); // services come from the configuration, read at start
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.exception(Open311Error.class, Open311Routes::write);
        routes.get(BASE + "/{file}", answer(this::get));
        routes.post(BASE + "/{file}", answer(this::post));
        routes.get(BASE + "/services/{file}", answer(this::serviceDefinition));
        routes.get(BASE + "/requests/{file}", answer(this::oneRequest));
        routes.get(BASE + "/tokens/{file}", answer(this::token));
        routes.get("/open311/web-form", this::webForm);
    }

    /** A path's last segment: {@code services.xml} is services in XML; no extension means JSON. */
    record Resource(String name, ResponseFormat format) {
        static Resource of(String file) {
            int dot = file.lastIndexOf('.');
            if (dot > 0) {
                var f = ResponseFormat.fromExtension(file.substring(dot + 1));
                if (f.isPresent()) {
                    return new Resource(file.substring(0, dot), f.get());
                }
            }
            return new Resource(file, ResponseFormat.JSON);
        }
    }

    @FunctionalInterface
    private interface Answer {
        String answer(Context ctx, Resource resource);
    }

    /** Every failure of a GeoReport route answers in GeoReport's error shape, in the format asked for. */
    private static io.javalin.http.Handler answer(Answer a) {
        return ctx -> {
            Resource r = Resource.of(ctx.pathParam("file"));
            String body;
            try {
                body = a.answer(ctx, r);
            } catch (Open311Error e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                throw new Open311Error(500, "internal error; the server log has the details", r.format());
            }
            if (ctx.method().name().equals("GET")) {
                ctx.header("Access-Control-Allow-Origin", "*"); // public data, readable by any web client
            }
            ctx.status(200).contentType(r.format().contentType()).result(body);
        };
    }

    private static void write(Open311Error e, Context ctx) {
        ctx.status(e.status()).contentType(e.format().contentType()).result(Open311Writer.errors(e.errors(), e.format()));
    }

    private String get(Context ctx, Resource r) {
        checkJurisdiction(ctx.queryParam("jurisdiction_id"), r.format());
        return switch (r.name()) {
            case "discovery" -> discovery(ctx, r.format());
            case "services" -> Open311Writer.services(settings.services().services(), r.format());
            case "requests" -> requests(ctx, r.format());
            default -> throw new Open311Error(404, "no GeoReport resource '" + clip(r.name()) + "'; expected "
                    + "discovery, services or requests", r.format());
        };
    }

    private String discovery(Context ctx, ResponseFormat format) {
        String base = ctx.url().substring(0, ctx.url().length() - ctx.path().length()) + BASE;
        return Open311Writer.discovery(new Open311Writer.Discovery(changeset, settings.contact(), settings.keyService(),
                List.of(new Open311Writer.Endpoint(base, changeset, "production", List.of(
                        ResponseFormat.XML.contentType().split(";")[0], ResponseFormat.JSON.contentType().split(";")[0])))),
                format);
    }

    private String serviceDefinition(Context ctx, Resource r) {
        checkJurisdiction(ctx.queryParam("jurisdiction_id"), r.format());
        Service s = settings.services().find(r.name()).orElseThrow(() -> new Open311Error(404, "service_code '"
                + clip(r.name()) + "' is not a service of this city; services." + r.format().extension()
                + " lists them", r.format()));
        return Open311Writer.serviceDefinition(s, r.format());
    }

    private String oneRequest(Context ctx, Resource r) {
        checkJurisdiction(ctx.queryParam("jurisdiction_id"), r.format());
        TrackedServiceRequest t = store.serviceRequests().find(r.name()).orElseThrow(() -> new Open311Error(404,
                "no service request '" + clip(r.name()) + "'", r.format()));
        return Open311Writer.requests(List.of(toGeoReport(t)), r.format());
    }

    private String token(Context ctx, Resource r) {
        checkJurisdiction(ctx.queryParam("jurisdiction_id"), r.format());
        String id = store.serviceRequests().findIdByToken(r.name()).orElseThrow(() -> new Open311Error(404,
                "no service request has the token '" + clip(r.name()) + "'", r.format()));
        return Open311Writer.token(id, r.name(), r.format());
    }

    // GET requests

    private String requests(Context ctx, ResponseFormat format) {
        var problems = new ArrayList<String>();
        List<String> ids = csv(ctx.queryParam("service_request_id"));
        if (!ids.isEmpty()) {
            // The specification: a list of ids overrides every other argument.
            if (ids.size() > MAX_RESULTS) {
                throw new Open311Error(400, "service_request_id lists " + ids.size() + " ids; at most " + MAX_RESULTS,
                        format);
            }
            return Open311Writer.requests(store.serviceRequests().findAll(ids).stream().map(this::toGeoReport).toList(),
                    format);
        }
        Instant start = date(ctx, "start_date", false, problems);
        Instant end = date(ctx, "end_date", true, problems);
        Boolean closed = null;
        var statuses = new LinkedHashSet<String>();
        for (String s : csv(ctx.queryParam("status"))) {
            String st = s.toLowerCase(Locale.ROOT);
            if (st.equals("open") || st.equals("closed")) {
                statuses.add(st);
            } else {
                problems.add("status '" + clip(s) + "' is not a status; expected open, closed or both (open,closed)");
            }
        }
        if (statuses.size() == 1) {
            closed = statuses.contains("closed");
        }
        if (problems.isEmpty()) {
            if (start == null && end == null) {
                end = clock.instant();
                start = end.minus(MAX_SPAN);
            } else if (start == null) {
                start = end.minus(MAX_SPAN);
            } else if (end == null) {
                end = start.plus(MAX_SPAN);
            } else if (end.isBefore(start)) {
                problems.add("end_date " + W3cDateTime.format(end) + " is before start_date " + W3cDateTime.format(start));
            } else if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
                problems.add("start_date and end_date span " + Duration.between(start, end).toDays() + " days; a "
                        + "query may span at most " + MAX_SPAN.toDays() + " days");
            }
        }
        if (!problems.isEmpty()) {
            throw new Open311Error(400, problems, format);
        }
        var query = new ServiceRequestQuery(csv(ctx.queryParam("service_code")), start, end, closed, MAX_RESULTS);
        return Open311Writer.requests(store.serviceRequests().search(query).stream().map(this::toGeoReport).toList(),
                format);
    }

    /** A date alone ends at the end of its day: {@code end_date=2026-07-14} includes the 14th. */
    private static Instant date(Context ctx, String name, boolean end, List<String> problems) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Instant t = W3cDateTime.parse(text);
            return end && W3cDateTime.isDateOnly(text) ? t.plus(Duration.ofDays(1)).minusNanos(1000) : t;
        } catch (IllegalArgumentException e) {
            problems.add(name + ": " + e.getMessage());
            return null;
        }
    }

    private ServiceRequest toGeoReport(TrackedServiceRequest t) {
        StoredServiceRequest r = t.request();
        String notice = settings.services().find(r.serviceCode()).map(Service::notice).orElse(null);
        return new ServiceRequest(r.id(), t.closed() ? ServiceRequest.Status.CLOSED : ServiceRequest.Status.OPEN,
                statusNotes(t), r.serviceName(), r.serviceCode(), r.description(), null, notice, r.requestedAt(),
                t.updatedAt(), null, r.address(), r.addressId(), null, r.lat(), r.lon(), r.mediaUrl());
    }

    /** The operator's reason when the request is closed; otherwise where it stands, in words. */
    private static String statusNotes(TrackedServiceRequest t) {
        IncidentStatus s = t.incidentStatus();
        if (s == null || s == IncidentStatus.NEW) {
            return null;
        }
        String reason = t.verdictReason() == null || t.verdictReason().isBlank() ? null : t.verdictReason();
        return switch (s) {
            case ACKNOWLEDGED -> "Seen by the operations centre.";
            case CONFIRMED -> "Confirmed by the operations centre.";
            case DISMISSED -> reason != null ? reason : "Dismissed by the operations centre.";
            case CLOSED -> reason != null ? reason : "Closed by the operations centre.";
            case NEW -> null;
        };
    }

    // POST requests

    private String post(Context ctx, Resource r) {
        ResponseFormat format = r.format();
        if (!r.name().equals("requests")) {
            throw new Open311Error(404, "only requests." + format.extension() + " accepts POST", format);
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
            throw new Open311Error(400, "a request is posted as application/x-www-form-urlencoded fields, got '"
                    + clip(type) + "'", format);
        }
        // Query parameters count too (some clients send them there, as the specification's Swagger does); a field
        // of the body wins over the same field in the query.
        var form = new HashMap<String, List<String>>(ctx.queryParamMap());
        form.putAll(ctx.formParamMap());
        String key = first(form.get("api_key"));
        boolean partner = partnerKeys.accepts(key);
        boolean web = webFormKey.accepts(key); // both checked, always: the time taken says nothing of which
        if (!partner && !web) {
            throw new Open311Error(403, INVALID_KEY, format);
        }
        String channel = web ? "web-form" : "api";
        checkJurisdiction(first(form.get("jurisdiction_id")), format);
        ServiceRequestForm.Result read = ServiceRequestForm.read(form, settings.services());
        if (!read.isValid()) {
            throw new Open311Error(400, read.problems(), format);
        }
        ServiceRequestForm.Submission s = read.submission();
        if (!bounds.contains(s.lat(), s.lon())) {
            throw new Open311Error(400, "lat " + s.lat() + ", long " + s.lon() + " is outside " + city.name()
                    + "; this server takes reports for " + city.name() + " only", format);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String id = randomId(12);
        String token = randomId(26);
        Event event = s.toEvent(id, now, BASE + "/requests/" + id + ".json", channel);
        IngestResult stored = ingest.ingestEvents(List.of(event), "open311:" + channel);
        if (stored.accepted() + stored.duplicates() != 1) {
            throw new IllegalStateException("the event of request " + id + " was not stored: " + stored.errors());
        }
        store.serviceRequests().insert(new StoredServiceRequest(id, token, s.service().code(), s.service().name(),
                s.description(), s.lat(), s.lon(), s.address(), s.addressId(), s.mediaUrl(), now, now, event.id()));
        LOG.info("open311: request {} ({}, {}) stored as event {}", id, s.service().code(), channel, event.id());
        return Open311Writer.created(List.of(new Open311Writer.Created(id, token, s.service().notice())), format);
    }

    // The report page

    private void webForm(Context ctx) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("open", settings.webFormKey() != null);
        body.put("api_key", settings.webFormKey());
        body.put("jurisdiction_id", settings.jurisdictionId());
        body.put("city", city.name());
        body.putArray("bounds").add(bounds.minLon()).add(bounds.minLat()).add(bounds.maxLon()).add(bounds.maxLat());
        body.put("base", BASE);
        ctx.header("Cache-Control", "no-store").json(body);
    }

    private void checkJurisdiction(String given, ResponseFormat format) {
        if (given != null && !given.isBlank() && settings.jurisdictionId() != null
                && !given.trim().equals(settings.jurisdictionId())) {
            throw new Open311Error(404, "jurisdiction_id '" + clip(given) + "' not found; this server serves '"
                    + settings.jurisdictionId() + "'", format);
        }
    }

    private static String randomId(int length) {
        var sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static List<String> csv(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
