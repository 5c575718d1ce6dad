package org.vigie.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigie.core.json.Json;
import org.vigie.core.model.IncidentId;
import org.vigie.server.access.Principal;
import org.vigie.server.access.Role;

/** Small typed readers for request parts, each reporting a field error rather than throwing on the first. */
public final class Requests {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(s|m|h|d)");

    private Requests() {
    }

    /**
     * Who makes a decision (a verdict, a merge, a procedure step): the signed-in person or machine key, whatever
     * the body's {@code by} says, so a record never names someone else than who acted. The body's {@code by} is
     * used only where no one is signed in (access checks turned off, or a server without them).
     */
    public static String actor(Context ctx, JsonNode body, List<Map<String, Object>> errors) {
        Principal who = Principal.of(ctx);
        if (who.role() != Role.PUBLIC) {
            return who.user();
        }
        JsonNode by = body.get("by");
        if (by == null || !by.isTextual() || by.asText().isBlank() || by.asText().length() > 128) {
            errors.add(fieldError("by", "must name the operator (1..128 characters)"));
            return "";
        }
        return by.asText();
    }

    public static Map<String, Object> fieldError(String field, String message) {
        var m = new LinkedHashMap<String, Object>();
        m.put("field", field);
        m.put("message", message);
        return m;
    }

    public static List<String> csv(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public static int intParam(Context ctx, String name, int dflt, int min, int max, List<Map<String, Object>> errors) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                errors.add(fieldError(name, "must be between " + min + " and " + max + ", got " + n));
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(fieldError(name, "must be an integer, got '" + v + "'"));
            return dflt;
        }
    }

    /** A number in {@code [min, max]}; absent gives {@code dflt}. */
    public static double doubleParam(Context ctx, String name, double dflt, double min, double max,
                                     List<Map<String, Object>> errors) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            double n = Double.parseDouble(v.trim());
            if (!(n >= min && n <= max)) {
                errors.add(fieldError(name, "must be between " + min + " and " + max + ", got " + v.trim()));
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(fieldError(name, "must be a number, got '" + v + "'"));
            return dflt;
        }
    }

    /** A duration such as {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d} or ISO-8601 {@code PT30M}, in bounds. */
    public static Duration durationParam(Context ctx, String name, Duration dflt, Duration min, Duration max,
                                         List<Map<String, Object>> errors) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        Duration d;
        Matcher m = DURATION.matcher(v.trim());
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(v.trim());
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            errors.add(fieldError(name, "must be a duration such as 90s, 30m, 2h or PT30M, got '" + v + "'"));
            return dflt;
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            errors.add(fieldError(name, "must be between " + min + " and " + max + ", got " + d));
        }
        return d;
    }

    /** The {@code {id}} path parameter as an incident id. */
    public static IncidentId incidentId(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            return IncidentId.parse(raw);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("incident id must be a UUID", List.of(fieldError("id", "not a UUID: " + raw)));
        }
    }

    /**
     * Waits for the correlator to answer a command: its failure is thrown as is (the error mapping turns it into
     * the API's shape), and no answer within 30 s is a 503.
     */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ApiError(503, "busy", "the correlator did not answer within 30 s; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "interrupted", "interrupted");
        }
    }

    public static JsonNode jsonObject(Context ctx) {
        try {
            JsonNode n = Json.MAPPER.readTree(ctx.body());
            if (n == null || !n.isObject()) {
                throw ApiError.badRequest("the body must be a JSON object", List.of());
            }
            return n;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (NumberFormatException e) { // a number no BigDecimal holds (1e9999999999) is not a Jackson error
            throw malformed(1, 1, e.getMessage(), "");
        }
    }

    public static ApiError malformed(JsonProcessingException e) {
        var loc = e.getLocation();
        return malformed(loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(), e.getOriginalMessage(), "");
    }

    /** The one answer to a body that is not JSON: where the parser stopped, and why. */
    public static ApiError malformed(long line, long column, String message, String note) {
        var d = new LinkedHashMap<String, Object>();
        d.put("line", line);
        d.put("column", column);
        d.put("message", message);
        return new ApiError(400, "malformed-json", "malformed JSON at line " + line + ", column " + column + note, List.of(d));
    }
}
