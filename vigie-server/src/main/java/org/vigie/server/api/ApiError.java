package org.vigie.server.api;

import java.util.List;
import java.util.Map;

/**
 * The one error shape of the API: {@code {"title", "status", "type", "details": [...]}}. Handlers throw it (or
 * let a domain exception escape); {@link ErrorMapping} turns every failure into this shape in one place.
 *
 * @param type    a stable machine-readable code such as {@code invalid-records} or {@code stale-version}
 * @param details per-field or per-record items, e.g. {@code {"index": 3, "field": "location.lat", "message": ...}}
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String type;
    private final transient List<Map<String, Object>> details;

    public ApiError(int status, String type, String title, List<Map<String, Object>> details) {
        super(title);
        this.status = status;
        this.type = type;
        this.details = List.copyOf(details);
    }

    public ApiError(int status, String type, String title) {
        this(status, type, title, List.of());
    }

    public static ApiError badRequest(String title, List<Map<String, Object>> details) {
        return new ApiError(400, "invalid-request", title, details);
    }

    public static ApiError notFound(String what) {
        return new ApiError(404, "not-found", what);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public List<Map<String, Object>> details() {
        return details;
    }
}
