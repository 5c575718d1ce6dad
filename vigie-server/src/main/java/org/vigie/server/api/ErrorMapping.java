package org.vigie.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.core.correlate.RegroupingRefusedException;
import org.vigie.core.json.Json;
import org.vigie.core.model.IllegalTransitionException;
import org.vigie.core.model.StaleVersionException;

/** Maps every failure to the {@link ApiError} shape, so no handler formats an error itself. */
public final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    public static void install(JavalinConfig config) {
        config.routes.exception(ApiError.class, (e, ctx) -> write(ctx, e));
        config.routes.exception(StaleVersionException.class, (e, ctx) -> write(ctx, new ApiError(409, "stale-version",
                e.getMessage(), List.of(Map.of("expectedVersion", e.expected(), "currentVersion", e.actual())))));
        config.routes.exception(IllegalTransitionException.class, (e, ctx) -> write(ctx, new ApiError(409,
                "illegal-transition", e.getMessage(), List.of(Map.of("from", e.from().jsonName(), "to", e.to().jsonName(),
                "allowed", e.from().next().stream().map(s -> s.jsonName()).sorted().toList())))));
        config.routes.exception(RegroupingRefusedException.class, (e, ctx) -> write(ctx, new ApiError(409,
                "regrouping-refused", e.getMessage())));
        config.routes.exception(NoSuchElementException.class, (e, ctx) -> write(ctx, ApiError.notFound(e.getMessage())));
        config.routes.exception(HttpResponseException.class, (e, ctx) ->
                write(ctx, new ApiError(e.getStatus(), "http-" + e.getStatus(), e.getMessage())));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} failed", describe(ctx), e);
            write(ctx, new ApiError(500, "internal-error", "internal error; the server log has the details"));
        });
        config.routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                write(ctx, ApiError.notFound("no such resource: " + ctx.method() + " " + ctx.path()));
            }
        });
        config.routes.error(405, ctx -> write(ctx, new ApiError(405, "method-not-allowed",
                ctx.method() + " is not allowed on " + ctx.path())));
    }

    /** Method and path, or a placeholder when the request is already gone (a stream ended during shutdown). */
    private static String describe(Context ctx) {
        try {
            return ctx.method() + " " + ctx.path();
        } catch (RuntimeException gone) {
            return "a request that has already ended";
        }
    }

    public static void write(Context ctx, ApiError e) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("title", e.getMessage());
        body.put("status", e.status());
        body.put("type", e.type());
        ArrayNode details = body.putArray("details");
        e.details().forEach(d -> details.add(Json.MAPPER.valueToTree(d)));
        ctx.status(e.status()).contentType("application/json").result(body.toString());
    }
}
