package org.vigie.app.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.json.Json;
import org.vigie.server.HealthContribution;

/**
 * {@code GET /health} and {@code GET /metrics} of a cluster member that serves no API (roles {@code correlate},
 * {@code store}, {@code video-worker} alone), so an orchestrator can probe and scrape every process alike. The
 * process is {@code down} (503) when one of its roles reports {@code down}.
 */
final class RoleServer implements AutoCloseable {
    private final Javalin app;

    RoleServer(VigieConfig.Server settings, List<HealthContribution> roles, PrometheusMeterRegistry metrics) {
        this.app = Javalin.create(config -> {
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.startup.showJavalinBanner = false;
            config.routes.get("/health", ctx -> {
                ObjectNode body = Json.MAPPER.createObjectNode();
                ObjectNode checks = body.putObject("checks");
                boolean up = true;
                for (HealthContribution h : roles) {
                    ObjectNode check = h.check();
                    checks.set(h.name(), check);
                    up &= "up".equals(check.path("status").asText());
                }
                body.put("status", up ? "up" : "down");
                ctx.status(up ? 200 : 503).contentType("application/json").result(body.toString());
            });
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
        }).start();
    }

    int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
