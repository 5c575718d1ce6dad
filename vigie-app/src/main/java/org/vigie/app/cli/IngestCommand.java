package org.vigie.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigie.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Send records to a running Vigie.",
        subcommands = {IngestCommand.Events.class, TabularIngestCommand.class})
public final class IngestCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "events", mixinStandardHelpOptions = true,
            description = {"Ingest events from a JSON Lines file (one event object per line) through POST /api/v1/events.",
                    "Each batch is acknowledged only once durable. Invalid lines are reported with their line number and",
                    "quarantined by the server (see 'vigie quarantine list'). Exit 0 when every line was accepted, 2 otherwise."})
    static final class Events implements Callable<Integer> {
        @Parameters(paramLabel = "FILE.jsonl")
        Path file;

        @Option(names = "--server", defaultValue = "http://localhost:8080", description = "Vigie base URL (default: ${DEFAULT-VALUE}).")
        URI server;

        @Option(names = "--batch", defaultValue = "1000", description = "Lines per request, 1..10000 (default: ${DEFAULT-VALUE}).")
        int batch;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (batch < 1 || batch > 10_000) {
                System.err.println("--batch must be between 1 and 10000");
                return 1;
            }
            var lines = new ArrayList<String>();
            var lineNumbers = new ArrayList<Integer>();
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                int n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    if (!line.isBlank()) {
                        lines.add(line);
                        lineNumbers.add(n);
                    }
                }
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            URI endpoint = server.resolve("/api/v1/events");
            long accepted = 0;
            long duplicates = 0;
            long rejected = 0;
            try (var progress = new ProgressBar(System.err, "lines", lines.size())) {
                for (int from = 0; from < lines.size(); from += batch) {
                    int to = Math.min(lines.size(), from + batch);
                    String body = String.join("\n", lines.subList(from, to));
                    HttpResponse<String> response = send(http, endpoint, body);
                    JsonNode answer = Json.MAPPER.readTree(response.body());
                    if (response.statusCode() != 202 && response.statusCode() != 422) {
                        System.err.println();
                        System.err.println("the server refused lines " + lineNumbers.get(from) + "–" + lineNumbers.get(to - 1)
                                + " with " + response.statusCode() + ": " + answer.path("title").asText(response.body()));
                        return 1;
                    }
                    JsonNode errors = response.statusCode() == 202 ? answer.path("errors") : answer.path("details");
                    for (JsonNode e : errors) {
                        int line = lineNumbers.get(from + e.path("index").asInt());
                        System.err.println(file + ":" + line + ": " + (e.path("field").asText().isEmpty() ? ""
                                : e.path("field").asText() + ": ") + e.path("message").asText());
                    }
                    accepted += answer.path("accepted").asLong();
                    duplicates += answer.path("duplicates").asLong();
                    rejected += response.statusCode() == 422 ? to - from : answer.path("rejected").asLong();
                    progress.step(to - from);
                }
            }
            System.out.printf("%d accepted, %d already present, %d rejected (quarantined)%n", accepted, duplicates, rejected);
            return rejected == 0 ? 0 : 2;
        }

        /** Retries a refused connection a few times: the batch is idempotent (event ids), so resending is safe. */
        private static HttpResponse<String> send(HttpClient http, URI endpoint, String body)
                throws IOException, InterruptedException {
            IOException last = null;
            for (int attempt = 0; attempt < 4; attempt++) {
                try {
                    return http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(2))
                            .header("Content-Type", "application/x-ndjson")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    last = e;
                    Thread.sleep(500L << attempt);
                }
            }
            throw new IOException("cannot reach " + endpoint + ": " + last.getMessage(), last);
        }
    }

}
