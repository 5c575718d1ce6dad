package org.vigie.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.vigie.core.json.EventJson;
import org.vigie.core.json.Json;
import org.vigie.core.model.Event;
import picocli.CommandLine.Option;

/**
 * Sends events a command derived on this machine (bursts, departures) to a running Vigie through
 * {@code POST /api/v1/events}: only these aggregates travel, never the records they came from.
 */
final class EventUpload {

    /** The options of a command that reads a file here and sends the events it makes to a server. */
    static final class Options {
        @Option(names = "--source", paramLabel = "ID", description = "The feed's id, part of every event id (default: the file name).")
        String source;

        @Option(names = "--server", defaultValue = "http://localhost:8080", description = "Vigie base URL (default: ${DEFAULT-VALUE}).")
        URI server;

        @Option(names = "--dry-run", description = "Read and detect here, print the summary; send nothing.")
        boolean dryRun;

        String sourceOr(java.nio.file.Path file) {
            return source != null ? source : file.getFileName().toString();
        }
    }
    /** What the server said. */
    record Answer(long accepted, long duplicates, long rejected, String refused) {
    }

    private EventUpload() {
    }

    static Answer send(URI server, List<Event> events) throws IOException, InterruptedException {
        if (events.isEmpty()) {
            return new Answer(0, 0, 0, null);
        }
        String body = events.stream().map(e -> EventJson.write(e).toString()).collect(Collectors.joining("\n"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response;
        try {
            response = http.send(ServerKey.authorize(HttpRequest.newBuilder(server.resolve("/api/v1/events")))
                    .timeout(Duration.ofMinutes(2)).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Answer(0, 0, 0, "cannot reach " + server + ": " + e.getMessage());
        }
        JsonNode answer;
        try {
            answer = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            return new Answer(0, 0, 0, "the server answered " + response.statusCode() + " with something that is not JSON");
        }
        if (response.statusCode() != 202) {
            return new Answer(0, 0, 0, "the server refused the events with " + response.statusCode() + ": "
                    + answer.path("title").asText(response.body()));
        }
        return new Answer(answer.path("accepted").asLong(), answer.path("duplicates").asLong(),
                answer.path("rejected").asLong(), null);
    }
}
