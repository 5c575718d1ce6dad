package org.vigie.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.vigie.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "feeds", mixinStandardHelpOptions = true,
        description = {"List the feed formats a running Vigie reads (GET /api/v1/feeds), each usable with",
                "'vigie ingest FORMAT FILE', and the state of the feeds it fetches itself (from GET /health)."})
public final class FeedsCommand implements Callable<Integer> {
    @Option(names = "--server", defaultValue = "http://localhost:8080", description = "Vigie base URL (default: ${DEFAULT-VALUE}).")
    URI server;

    @Override
    public Integer call() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        JsonNode formats;
        JsonNode health;
        try {
            formats = get(http, "/api/v1/feeds");
            health = get(http, "/health");
        } catch (IOException e) {
            System.err.println("cannot reach " + server + ": " + e.getMessage());
            return 1;
        }
        System.out.println("formats:" + (formats.path("formats").isEmpty() ? " none" : ""));
        for (JsonNode f : formats.path("formats")) {
            System.out.println("  " + f.asText());
        }
        JsonNode connectors = health.path("checks").path("feeds").path("connectors");
        System.out.println("connectors:" + (connectors.isEmpty() ? " none" : ""));
        for (JsonNode c : connectors) {
            System.out.printf("  %-20s %-12s %-8s last success %s, %d failure(s) in a row%s%n", c.path("name").asText(),
                    c.path("format").asText(), c.path("state").asText(), c.path("lastSuccess").asText("never"),
                    c.path("consecutiveFailures").asInt(),
                    c.path("lastError").isTextual() ? "; last error: " + c.path("lastError").asText() : "");
        }
        return 0;
    }

    /** Health answers 503 with a body when the process is down; that body is still worth printing. */
    private JsonNode get(HttpClient http, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(ServerKey.authorize(HttpRequest.newBuilder(server.resolve(path))).timeout(Duration.ofSeconds(30)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 && r.statusCode() != 503) {
            throw new IOException(path + " answered " + r.statusCode());
        }
        return Json.MAPPER.readTree(r.body());
    }
}
