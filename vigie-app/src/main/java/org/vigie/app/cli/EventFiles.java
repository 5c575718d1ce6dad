package org.vigie.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.vigie.core.json.EventJson;
import org.vigie.core.json.EventReadResult;
import org.vigie.core.json.Json;
import org.vigie.core.model.Event;
import org.vigie.core.model.FieldError;
import org.vigie.core.config.ConfigException;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedParseException;
import org.vigie.feeds.tabular.TabularFormat;
import org.vigie.feeds.tabular.TabularMapping;
import org.vigie.feeds.tabular.TabularMappings;

/**
 * Files of records that commands read offline, as a stream of events: the one seam between a command and the
 * formats it can read.
 */
public final class EventFiles {
    /** The mapping of Vigie's own JSON Lines events, one {@link EventJson} object per line. */
    public static final String VIGIE_EVENTS = "events";

    private EventFiles() {
    }

    /** What a reader tells its caller besides the events. */
    public interface ReadReport {
        /** A record that could not become an event; {@code where} is e.g. "file.jsonl:12". */
        void rejected(String where, String reason);

        /** Progress: this many more bytes of the file were read. */
        void bytesRead(long bytes);
    }

    /** Turns a file into events. The stream must be closed (it holds the file open). */
    @FunctionalInterface
    public interface Reader {
        Stream<Event> read(Path file, ReadReport report) throws IOException;
    }

    /**
     * The single place a {@code --mapping} becomes a reader: Vigie's own JSON Lines ({@value #VIGIE_EVENTS}), or a
     * tabular mapping (a shipped name such as {@code baltimore311}, or a mapping file) for CSV and JSON Lines
     * exports. An export is from its own city, so only the mapping's own bounds apply, not the configured city's.
     *
     * @param mapping null for Vigie JSON Lines
     * @throws IllegalArgumentException naming the mappings this build knows
     */
    public static Reader readerFor(String mapping) {
        if (mapping == null || mapping.equals(VIGIE_EVENTS)) {
            return (file, report) -> jsonLines(file, Instant.now(), report);
        }
        TabularMapping m;
        try {
            m = TabularMappings.load(mapping);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage() + "; this build knows " + mappings() + " or a mapping file");
        }
        var format = new TabularFormat(m, null);
        return (file, report) -> tabular(format, file, report);
    }

    /**
     * The wall clock of the city a {@code --mapping}'s exports come from (its {@code occurred-at.zone}); empty for
     * Vigie JSON Lines, whose times carry their offset and whose city is the configured one.
     *
     * @throws IllegalArgumentException as {@link #readerFor}
     */
    public static Optional<ZoneId> timeZoneOf(String mapping) {
        if (mapping == null || mapping.equals(VIGIE_EVENTS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(TabularMappings.load(mapping).timeZone());
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage() + "; this build knows " + mappings() + " or a mapping file");
        }
    }

    public static List<String> mappings() {
        var all = new ArrayList<String>();
        all.add(VIGIE_EVENTS);
        all.addAll(TabularMappings.SHIPPED);
        return all;
    }

    /**
     * Every row of an export through a tabular mapping. The events are gathered before the stream is returned
     * (an analysis reads them all anyway); rows that cannot become events are reported at their line.
     */
    private static Stream<Event> tabular(TabularFormat format, Path file, ReadReport report) throws IOException {
        var events = new ArrayList<Event>();
        String name = file.getFileName().toString();
        var context = new FeedContext(format.mapping().name(), Instant.now());
        try (InputStream in = new FilterInputStream(Files.newInputStream(file)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    report.bytesRead(n);
                }
                return n;
            }
        }) {
            format.parse(format.textOf(in), context, TabularFormat.DEFAULT_CHUNK_ROWS, batch -> {
                events.addAll(batch.events());
                batch.rejected().forEach(r -> report.rejected(name + ": " + r.ref(), r.reason()));
            });
        } catch (FeedParseException e) {
            throw new IOException(name + ": " + e.getMessage(), e);
        }
        return events.stream();
    }

    /**
     * Vigie events, one JSON object per line (blank lines skipped). A line that is not valid JSON or not a valid
     * event is reported with its line number and every wrong field.
     *
     * @param receivedAt stamped on every event (the time of the reading)
     */
    public static Stream<Event> jsonLines(Path file, Instant receivedAt, ReadReport report) throws IOException {
        Objects.requireNonNull(report, "report");
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        String name = file.getFileName().toString();
        long[] lineNo = {0};
        try {
            return reader.lines().<Event>mapMulti((line, sink) -> {
                lineNo[0]++;
                // Newlines are not in the line; the count is exact for ASCII and close enough for progress otherwise.
                report.bytesRead(line.length() + 1L);
                if (line.isBlank()) {
                    return;
                }
                String where = name + ":" + lineNo[0];
                try {
                    switch (EventJson.read(Json.MAPPER.readTree(line), receivedAt)) {
                        case EventReadResult.Valid v -> sink.accept(v.event());
                        case EventReadResult.Invalid inv -> report.rejected(where,
                                inv.errors().stream().map(FieldError::toString).collect(Collectors.joining("; ")));
                    }
                } catch (JsonProcessingException e) {
                    report.rejected(where, "malformed JSON: " + e.getOriginalMessage());
                }
            }).onClose(() -> {
                try {
                    reader.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }
}
