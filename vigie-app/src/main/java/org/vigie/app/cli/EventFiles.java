package org.vigie.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.vigie.core.json.EventJson;
import org.vigie.core.json.EventReadResult;
import org.vigie.core.json.Json;
import org.vigie.core.model.Event;
import org.vigie.core.model.FieldError;

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
     * INTEGRATION POINT: the single place a {@code --mapping} name becomes a reader. Today it knows Vigie's own JSON
     * Lines ({@value #VIGIE_EVENTS}); the tabular reader ({@code org.vigie.feeds.tabular}, with mappings such as
     * {@code baltimore311}) is to be plugged in here, as a {@link Reader} that maps each row to an event and each
     * bad row to {@link ReadReport#rejected}.
     *
     * @param mapping null for Vigie JSON Lines
     * @throws IllegalArgumentException naming the mappings this build knows
     */
    public static Reader readerFor(String mapping) {
        if (mapping == null || mapping.equals(VIGIE_EVENTS)) {
            return (file, report) -> jsonLines(file, Instant.now(), report);
        }
        throw new IllegalArgumentException("unknown mapping '" + mapping + "'; this build knows " + mappings());
    }

    public static List<String> mappings() {
        return List.of(VIGIE_EVENTS);
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
