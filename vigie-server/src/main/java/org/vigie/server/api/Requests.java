package org.vigie.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigie.core.json.Json;

/** Small typed readers for request parts, each reporting a field error rather than throwing on the first. */
public final class Requests {
    private Requests() {
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

    public static JsonNode jsonObject(Context ctx) {
        try {
            JsonNode n = Json.MAPPER.readTree(ctx.body());
            if (n == null || !n.isObject()) {
                throw ApiError.badRequest("the body must be a JSON object", List.of());
            }
            return n;
        } catch (JsonProcessingException e) {
            throw malformed(e);
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
