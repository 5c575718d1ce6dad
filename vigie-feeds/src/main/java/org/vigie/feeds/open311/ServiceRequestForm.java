package org.vigie.feeds.open311;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigie.core.model.Attributes;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventRules;
import org.vigie.core.model.EvidenceRef;
import org.vigie.core.model.FieldError;
import org.vigie.core.model.SourceKind;
import org.vigie.feeds.FeedIds;

/**
 * What a citizen's client posts to {@code requests.json} ({@code application/x-www-form-urlencoded}), checked
 * against the service it names. Every problem is reported, each naming its field, so a client fixes a form in
 * one round trip. {@code api_key} and {@code jurisdiction_id} are the server's business and not read here.
 */
public final class ServiceRequestForm {
    /**
     * What GeoReport lets a client say about the reporter. Dropped before anything else reads the form: Vigie
     * detects situations, never who reported them, so these are never stored, echoed or logged.
     */
    public static final Set<String> PERSONAL_FIELDS = Set.of("email", "first_name", "last_name", "phone",
            "device_id", "account_id");
    public static final int MAX_DESCRIPTION = 4000;
    public static final int MAX_ADDRESS = 500;
    public static final int MAX_STRING_ANSWER = 255;
    /** Answers become event attributes, which hold at most this much text. */
    public static final int MAX_TEXT_ANSWER = Attributes.MAX_TEXT_LENGTH;
    private static final Pattern ATTRIBUTE_KEY = Pattern.compile("attribute\\[([^\\]]*)\\](\\[\\])?");

    private ServiceRequestForm() {
    }

    /** A form that passed every check. Free text is already redacted ({@link FreeText}). */
    public record Submission(Service service, double lat, double lon, String address, String addressId,
                             String description, String mediaUrl, Map<String, Object> answers) {
        public Submission {
            answers = Map.copyOf(answers);
        }

        /**
         * The event this report becomes. Its source is the request, never the person: two requests are two
         * independent reports, which is what an incident's confidence counts.
         *
         * @param recordUri where the request can be read back, kept as the event's evidence
         * @param channel   how it arrived ({@code web-form}, {@code api}): a channel, never a person or a device
         */
        public Event toEvent(String serviceRequestId, Instant requestedAt, String recordUri, String channel) {
            var attributes = new LinkedHashMap<String, Object>();
            attributes.put("channel", channel);
            attributes.put("service_code", service.code());
            attributes.put("service_name", clip(service.name()));
            if (description != null) {
                attributes.put("description", clip(description));
            }
            if (address != null) {
                attributes.put("address", clip(address));
            }
            if (mediaUrl != null) {
                attributes.put("media_url", mediaUrl); // a reference only: the picture is never fetched
            }
            answers.forEach((code, v) -> attributes.put(attributeKey(code), v));
            return Event.builder()
                    .id(FeedIds.eventId(Open311Format.NAME, "service-requests", serviceRequestId, requestedAt))
                    .occurredAt(requestedAt)
                    .receivedAt(requestedAt)
                    .source(SourceKind.CITIZEN, serviceRequestId)
                    .type(service.type())
                    .location(lat, lon, Open311Format.CITIZEN_ACCURACY_METERS)
                    .confidence(Open311Format.CITIZEN_CONFIDENCE)
                    .attributes(Attributes.of(attributes))
                    .evidence(List.of(new EvidenceRef(EvidenceRef.Kind.RECORD, recordUri, null)))
                    .build();
        }
    }

    /** The event attribute an answer is kept under: {@code attribute_} and the code in lower case. */
    public static String attributeKey(String code) {
        return "attribute_" + code.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** Either a submission or the list of what is wrong, never both. */
    public record Result(Submission submission, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean isValid() {
            return submission != null;
        }
    }

    public static Result read(Map<String, List<String>> form, ServiceCatalog catalog) {
        // Personal fields go first, so no line below (nor an error message) can ever see them.
        var fields = new HashMap<String, List<String>>(form);
        PERSONAL_FIELDS.forEach(fields::remove);
        var problems = new ArrayList<String>();

        Service service = null;
        String code = single(fields, "service_code", problems);
        if (code == null) {
            problems.add("service_code is required; GET services.json lists the codes");
        } else {
            service = catalog.find(code).orElse(null);
            if (service == null) {
                problems.add("service_code '" + clip(code, 64) + "' is not a service of this city; expected one of "
                        + catalog.services().stream().map(Service::code).toList());
            }
        }

        String latText = single(fields, "lat", problems);
        String lonText = single(fields, "long", problems);
        String address = single(fields, "address_string", problems);
        String addressId = single(fields, "address_id", problems);
        double lat = Double.NaN;
        double lon = Double.NaN;
        if (latText == null && lonText == null) {
            problems.add(address != null || addressId != null
                    ? "lat and long are required: this server places reports by their coordinates and does not look up "
                    + "address_string or address_id"
                    : "a location is required: lat and long (WGS84 degrees), with address_string if you wish");
        } else if (latText == null || lonText == null) {
            problems.add((latText == null ? "lat" : "long") + " is missing; lat and long go together");
        } else {
            lat = degrees("lat", latText, problems);
            lon = degrees("long", lonText, problems);
            if (!Double.isNaN(lat) && !Double.isNaN(lon)) {
                for (FieldError e : EventRules.checkLocation("location", lat, lon, 0)) {
                    problems.add(e.field().equals("location.lat") ? "lat " + e.message() : "long " + e.message());
                }
            }
        }
        if (address != null && address.length() > MAX_ADDRESS) {
            problems.add("address_string has " + address.length() + " characters; at most " + MAX_ADDRESS);
        }
        if (addressId != null && addressId.length() > 100) {
            problems.add("address_id has " + addressId.length() + " characters; at most 100");
        }

        String description = single(fields, "description", problems);
        if (description != null && description.length() > MAX_DESCRIPTION) {
            problems.add("description has " + description.length() + " characters; at most " + MAX_DESCRIPTION);
        }
        String media = single(fields, "media_url", problems);
        if (media != null && !Open311Format.isWebLink(media)) {
            problems.add("media_url must be an http or https link of at most " + Attributes.MAX_TEXT_LENGTH
                    + " characters without spaces");
        }

        Map<String, Object> answers = service == null ? Map.of() : answers(fields, service, problems);
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        return new Result(new Submission(service, lat, lon, FreeText.redact(address), FreeText.clean(addressId),
                FreeText.redact(description), media, answers), List.of());
    }

    /** {@code attribute[CODE]=v}, or {@code attribute[CODE][]=v} repeated for a multivaluelist. */
    private static Map<String, Object> answers(Map<String, List<String>> fields, Service service, List<String> problems) {
        var sent = new LinkedHashMap<String, List<String>>();
        for (var e : fields.entrySet()) {
            Matcher m = ATTRIBUTE_KEY.matcher(e.getKey());
            if (!m.matches()) {
                continue;
            }
            String code = m.group(1);
            if (service.attributes().stream().noneMatch(a -> a.code().equals(code))) {
                problems.add("attribute[" + clip(code, 50) + "] is not a question of service '" + service.code() + "'"
                        + (service.attributes().isEmpty() ? ", which has none"
                        : "; expected " + service.attributes().stream().map(ServiceAttribute::code).toList()));
                continue;
            }
            e.getValue().stream().filter(v -> v != null && !v.isBlank())
                    .forEach(v -> sent.computeIfAbsent(code, k -> new ArrayList<>()).add(v.trim()));
        }
        var answers = new LinkedHashMap<String, Object>();
        for (ServiceAttribute a : service.attributes()) {
            List<String> values = sent.getOrDefault(a.code(), List.of());
            String field = "attribute[" + a.code() + "]";
            if (!a.variable()) {
                if (!values.isEmpty()) {
                    problems.add(field + " only informs; it takes no answer");
                }
                continue;
            }
            if (values.isEmpty()) {
                if (a.required()) {
                    problems.add(field + " is required: " + a.description()
                            + (a.datatype().isList() ? " (one of " + keys(a) + ")" : ""));
                }
                continue;
            }
            if (a.datatype() != ServiceAttribute.Datatype.MULTIVALUELIST && values.size() > 1) {
                problems.add(field + " takes one value, got " + values.size());
                continue;
            }
            String v = values.get(0);
            switch (a.datatype()) {
                case SINGLEVALUELIST -> {
                    if (a.findValue(v).isEmpty()) {
                        problems.add(field + " '" + clip(v, 50) + "' is not a choice; expected one of " + keys(a));
                    } else {
                        answers.put(a.code(), v);
                    }
                }
                case MULTIVALUELIST -> {
                    var chosen = new LinkedHashSet<String>();
                    for (String one : values) {
                        if (a.findValue(one).isEmpty()) {
                            problems.add(field + " '" + clip(one, 50) + "' is not a choice; expected any of " + keys(a));
                        }
                        chosen.add(one);
                    }
                    answers.put(a.code(), clip(String.join(",", chosen)));
                }
                case NUMBER -> {
                    try {
                        double d = Double.parseDouble(v);
                        if (!Double.isFinite(d)) {
                            throw new NumberFormatException();
                        }
                        answers.put(a.code(), d);
                    } catch (NumberFormatException e) {
                        problems.add(field + " must be a number, got '" + clip(v, 50) + "'");
                    }
                }
                case DATETIME -> {
                    try {
                        answers.put(a.code(), W3cDateTime.format(W3cDateTime.parse(v)));
                    } catch (IllegalArgumentException e) {
                        problems.add(field + ": " + e.getMessage());
                    }
                }
                case STRING, TEXT -> {
                    int max = a.datatype() == ServiceAttribute.Datatype.STRING ? MAX_STRING_ANSWER : MAX_TEXT_ANSWER;
                    if (v.length() > max) {
                        problems.add(field + " has " + v.length() + " characters; at most " + max);
                    } else {
                        answers.put(a.code(), clip(FreeText.redact(v)));
                    }
                }
            }
        }
        return answers;
    }

    private static List<String> keys(ServiceAttribute a) {
        return a.values().stream().map(ServiceAttribute.Value::key).toList();
    }

    /** The one value of a field, or null when absent or blank; a field sent twice is a problem. */
    private static String single(Map<String, List<String>> fields, String name, List<String> problems) {
        List<String> values = fields.getOrDefault(name, List.of()).stream()
                .filter(v -> v != null && !v.isBlank()).toList();
        if (values.size() > 1) {
            problems.add(name + " was sent " + values.size() + " times; send it once");
        }
        return values.isEmpty() ? null : values.get(0).trim();
    }

    private static double degrees(String field, String text, List<String> problems) {
        try {
            double d = Double.parseDouble(text);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(field + " must be a number of degrees (WGS84), got '" + clip(text, 40) + "'");
        return Double.NaN;
    }

    private static String clip(String s) {
        return clip(s, Attributes.MAX_TEXT_LENGTH);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
