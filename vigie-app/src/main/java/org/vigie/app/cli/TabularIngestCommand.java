package org.vigie.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.vigie.app.config.ConfigLoader;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.config.ConfigException;
import org.vigie.core.geo.BoundingBox;
import org.vigie.core.geo.CityGeoJson;
import org.vigie.core.geo.Marseille;
import org.vigie.core.json.Json;
import org.vigie.core.model.Event;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedParseException;
import org.vigie.feeds.RejectedRecord;
import org.vigie.feeds.tabular.TabularFormat;
import org.vigie.feeds.tabular.TabularMapping;
import org.vigie.feeds.tabular.TabularMappings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tabular", mixinStandardHelpOptions = true,
        description = {"Ingest a CSV or JSON Lines export (police, fire brigade, hospital load, citizen requests) through a",
                "tabular mapping. The file is sent in chunks of whole rows, header repeated, to",
                "POST /api/v1/feeds/tabular.NAME?source=ID, where the server maps it with its own copy of the mapping",
                "(shipped, or registered under feeds.mappings). Rejected rows are reported with their line in FILE and",
                "quarantined by the server. With --dry-run nothing is sent: the file is mapped here and counted.",
                "Exit 0 when every row was accepted, 2 when some were rejected, 1 when the file could not be sent or read."})
final class TabularIngestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--mapping", required = true, paramLabel = "NAME|PATH",
            description = "A shipped mapping (${COMPLETION-CANDIDATES}), a name under feeds.mappings of --config, or a mapping file.",
            completionCandidates = Shipped.class)
    String mapping;

    @Option(names = "--source", paramLabel = "ID",
            description = "The feed's id, part of every event id: keep it the same for every export of one feed (default: the mapping's name).")
    String source;

    @Option(names = "--server", defaultValue = "http://localhost:8080", description = "Vigie base URL (default: ${DEFAULT-VALUE}).")
    URI server;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A Vigie configuration: its feeds.mappings names are accepted by --mapping, and --dry-run uses its city's bounds.")
    Path config;

    @Option(names = "--rows", defaultValue = "2000", description = "Rows per request, 1..100000 (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--dry-run", description = "Map the file here, print the counts and the first rejections; send nothing.")
    boolean dryRun;

    @Option(names = "--show", defaultValue = "10", description = "With --dry-run: how many rejections to print (default: ${DEFAULT-VALUE}).")
    int show;

    static final class Shipped extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Shipped() {
            super(TabularMappings.SHIPPED);
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (rows < 1 || rows > 100_000) {
            System.err.println("--rows must be between 1 and 100000");
            return 1;
        }
        if (!Files.isRegularFile(file)) {
            System.err.println(file + ": no such file");
            return 1;
        }
        VigieConfig cfg;
        TabularMapping m;
        try {
            cfg = config == null ? null : ConfigLoader.load(config);
            m = resolve(cfg);
        } catch (ConfigException e) {
            e.problems().forEach(System.err::println);
            return 1;
        }
        String sourceId = source != null ? source : m.name();
        try {
            return dryRun ? dryRun(m, cfg, sourceId) : upload(m, sourceId);
        } catch (FeedParseException e) {
            System.err.println(file + ": cannot be read with mapping " + m.name() + ": " + e.getMessage());
            return 1;
        }
    }

    private TabularMapping resolve(VigieConfig cfg) {
        if (TabularMappings.findShipped(mapping).isEmpty() && cfg != null) {
            Path registered = cfg.feeds().mappings().get(mapping);
            if (registered != null) {
                return TabularMappings.load(registered).withName(mapping);
            }
        }
        return TabularMappings.load(mapping);
    }

    private int dryRun(TabularMapping m, VigieConfig cfg, String sourceId) throws IOException, FeedParseException {
        var format = new TabularFormat(m, cityBounds(cfg));
        var firstRejections = new ArrayList<RejectedRecord>();
        Map<String, Long> byType = new TreeMap<>();
        TabularFormat.Summary s = format.parse(file, new FeedContext(sourceId, Instant.now()), rows, batch -> {
            for (Event e : batch.events()) {
                byType.merge(e.type().jsonName(), 1L, Long::sum);
            }
            for (RejectedRecord r : batch.rejected()) {
                if (firstRejections.size() < Math.max(0, show)) {
                    firstRejections.add(r);
                }
            }
        });
        System.out.println(file + " with " + m + ":");
        System.out.printf("  %d rows: %d events, %d rejected%s%n", s.records(), s.events(), s.rejected(),
                m.hasEmitRule() ? ", " + s.withoutEvent() + " without event (below the mapping's emit-when rule)" : "");
        if (!byType.isEmpty()) {
            System.out.println("  events by type: " + byType.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> e.getKey() + " " + e.getValue()).toList());
        }
        for (RejectedRecord r : firstRejections) {
            System.out.println(file + ":" + r.ref().substring("line ".length()) + ": " + r.reason());
        }
        if (s.rejected() > firstRejections.size()) {
            System.out.println("  … and " + (s.rejected() - firstRejections.size()) + " more rejection(s)");
        }
        return s.rejected() == 0 ? 0 : 2;
    }

    /** The bounds the server would apply: the configured city's, or the built-in Marseille. */
    private static BoundingBox cityBounds(VigieConfig cfg) throws IOException {
        if (cfg == null || cfg.city().zones() == null) {
            return Marseille.approximateCity().bounds();
        }
        VigieConfig.City c = cfg.city();
        return CityGeoJson.read(c.name(), Json.MAPPER.readTree(Files.readString(c.zones())), c.codeProperty(),
                c.nameProperty(), Marseille.populations()).bounds();
    }

    private int upload(TabularMapping m, String sourceId) throws IOException, InterruptedException, FeedParseException {
        var format = new TabularFormat(m, null);
        long[] total = {0};
        format.split(file, rows, c -> total[0] += c.rows());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        URI endpoint = server.resolve("/api/v1/feeds/" + format.name() + "?source="
                + URLEncoder.encode(sourceId, StandardCharsets.UTF_8));
        String contentType = (m.layout() == TabularMapping.Layout.CSV ? "text/csv" : "application/x-ndjson")
                + "; charset=" + m.encoding().name();
        var counts = new long[4]; // accepted, duplicates, rejected, events
        var refused = new ArrayList<String>();
        try (var progress = new ProgressBar(System.err, "rows", total[0])) {
            format.split(file, rows, chunk -> {
                if (!refused.isEmpty()) {
                    return;
                }
                try {
                    URI piece = URI.create(endpoint + "&line-offset=" + chunk.lineOffset());
                    HttpResponse<String> response = send(http, piece, contentType, chunk.text().getBytes(m.encoding()));
                    refused.addAll(answer(response, chunk, counts));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    refused.add("interrupted");
                }
                progress.step(chunk.rows());
            });
        } catch (UncheckedIOException e) {
            System.err.println();
            System.err.println(e.getCause().getMessage());
            return 1;
        }
        if (!refused.isEmpty()) {
            System.err.println();
            refused.forEach(System.err::println);
            return 1;
        }
        long withoutEvent = total[0] - counts[3] - counts[2];
        System.out.printf("%d rows: %d accepted, %d already present, %d rejected (quarantined)%s%n", total[0], counts[0],
                counts[1], counts[2], withoutEvent > 0 ? ", " + withoutEvent + " without event (below the mapping's emit-when rule)" : "");
        return counts[2] == 0 ? 0 : 2;
    }

    /** Adds one chunk's answer to the counts and prints its rejections at their lines in the file; returns why the server refused it, if it did. */
    private List<String> answer(HttpResponse<String> response, TabularFormat.Chunk chunk, long[] counts) throws IOException {
        int status = response.statusCode();
        JsonNode answer;
        try {
            answer = Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            return List.of("the server answered " + status + " with something that is not JSON");
        }
        if (status == 404) {
            return List.of("the server has no format " + response.request().uri().getPath().replaceFirst(".*/", "")
                    + ": register the mapping under feeds.mappings in its configuration (" + answer.path("title").asText() + ")");
        }
        if (status != 202 && status != 422) {
            return List.of("the server refused rows from line " + chunk.firstLine() + " with " + status + ": "
                    + answer.path("title").asText(response.body()));
        }
        JsonNode errors = status == 202 ? answer.path("errors") : answer.path("details");
        for (JsonNode e : errors) {
            String ref = e.path("field").asText(); // the server numbered lines as the file's (line-offset)
            String where = ref.startsWith("line ") ? ref.substring(5).trim() : ref;
            System.err.println(file + ":" + where + ": " + e.path("message").asText());
        }
        long accepted = answer.path("accepted").asLong();
        long duplicates = answer.path("duplicates").asLong();
        counts[0] += accepted;
        counts[1] += duplicates;
        counts[2] += status == 422 ? errors.size() : answer.path("rejected").asLong();
        counts[3] += accepted + duplicates;
        return List.of();
    }

    /** Retries a refused connection a few times: event ids make a chunk idempotent, so resending is safe. */
    private static HttpResponse<String> send(HttpClient http, URI endpoint, String contentType, byte[] body)
            throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            try {
                return http.send(ServerKey.authorize(HttpRequest.newBuilder(endpoint)).timeout(Duration.ofMinutes(2))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = e;
                Thread.sleep(500L << attempt);
            }
        }
        throw new IOException("cannot reach " + endpoint + ": " + last.getMessage(), last);
    }
}
