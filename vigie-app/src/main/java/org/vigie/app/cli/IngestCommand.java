package org.vigie.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
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
import org.vigie.feeds.FeedFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Send records to a running Vigie.",
                "",
                "  vigie ingest FORMAT FILE [--source ID]   one document of a feed format (cap, open311, gtfs-rt …;",
                "                                           'vigie feeds' lists what the server reads), parsed by the",
                "                                           server exactly as a polled feed would be",
                "  vigie ingest events FILE.jsonl           Vigie's own events, one JSON object per line",
                "  vigie ingest tabular FILE --mapping NAME a CSV or JSON Lines export, through a tabular mapping",
                "  vigie ingest social FILE.jsonl           public posts (Mastodon statuses), read here: only",
                "                                           gathering_risk bursts are sent",
                "  vigie ingest telecom FILE.csv            operators' presence counts, read here: only",
                "                                           crowd_presence departures are sent",
                "",
                "Named subcommands (events, and formats that need options of their own) come first; any other",
                "FORMAT is sent to POST /api/v1/feeds/FORMAT. Exit 0 when every record was accepted (or was",
                "already there), 2 when some were quarantined, 1 when the server refused the document."},
        subcommands = {IngestCommand.Events.class, TabularIngestCommand.class, SocialIngestCommand.class,
                TelecomIngestCommand.class})
public final class IngestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FORMAT", description = "A feed format the server reads.")
    String format;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "The document to send, as is.")
    Path file;

    @Option(names = "--source", paramLabel = "ID", description = {"The feed's source id, part of every event id"
            + " (default: the file name).", "Keep it stable: the same document sent again then counts as duplicates."})
    String source;

    @Option(names = "--server", defaultValue = "http://localhost:8080", description = "Vigie base URL (default: ${DEFAULT-VALUE}).")
    URI server;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (format == null) {
            spec.commandLine().usage(System.out);
            return 0;
        }
        if (file == null) {
            throw new ParameterException(spec.commandLine(), "Missing FILE: vigie ingest " + format + " FILE");
        }
        if (!Files.isRegularFile(file)) {
            System.err.println("no such file: " + file);
            return 1;
        }
        long size = Files.size(file);
        if (size > FeedFormat.MAX_DOCUMENT_BYTES) {
            System.err.println(file + " has " + size + " bytes; a feed document holds at most " + FeedFormat.MAX_DOCUMENT_BYTES);
            return 1;
        }
        String sourceId = source != null ? source : file.getFileName().toString();
        URI endpoint = server.resolve("/api/v1/feeds/" + URLEncoder.encode(format, StandardCharsets.UTF_8).replace("+", "%20")
                + "?source=" + URLEncoder.encode(sourceId, StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response;
        try {
            response = http.send(ServerKey.authorize(HttpRequest.newBuilder(endpoint)).timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            System.err.println("cannot reach " + server + ": " + e.getMessage());
            return 1;
        }
        JsonNode answer;
        try {
            answer = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            System.err.println("the server answered " + response.statusCode() + " with something that is not JSON");
            return 1;
        }
        int status = response.statusCode();
        if (status == 202 || status == 422) {
            JsonNode errors = status == 202 ? answer.path("errors") : answer.path("details");
            for (JsonNode e : errors) {
                String where = e.path("field").asText();
                System.err.println(file + ": " + (where.isEmpty() ? "" : where + ": ") + e.path("message").asText());
            }
            long accepted = answer.path("accepted").asLong();
            long duplicates = answer.path("duplicates").asLong();
            long quarantined = status == 202 ? answer.path("rejected").asLong() : errors.size();
            System.out.printf("%s: %d accepted, %d already present, %d quarantined%n", file, accepted, duplicates, quarantined);
            return quarantined == 0 ? 0 : 2;
        }
        System.err.println(file + ": " + answer.path("title").asText("the server answered " + status));
        return status == 400 && answer.path("type").asText().equals("unreadable-document") ? 2 : 1;
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
                    return http.send(ServerKey.authorize(HttpRequest.newBuilder(endpoint)).timeout(Duration.ofMinutes(2))
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
