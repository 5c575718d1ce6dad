package org.vigie.server.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.core.correlate.Correlator;
import org.vigie.core.json.EventJson;
import org.vigie.core.json.EventReadResult;
import org.vigie.core.json.Json;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.FieldError;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedIds;
import org.vigie.feeds.RejectedRecord;
import org.vigie.store.IngestReceipt;
import org.vigie.store.QuarantinedRecord;
import org.vigie.store.Store;

/**
 * The one way events enter Vigie, for the HTTP API, file imports and in-process sources alike: validate each
 * record, commit valid events and quarantined records through the {@link EventLog} (embedded: one store
 * transaction, and only then the new events to the correlator; at city scale: the Kafka events topic). A caller
 * that gets a result back may forget the batch: it is durable.
 */
public final class IngestService {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    public static final int MAX_BATCH = 10_000;
    private static final int MAX_RAW_CHARS = 64 * 1024;
    /** Reads one element of a body in place; the end of the body is checked by the caller. */
    private static final ObjectReader ELEMENT = Json.MAPPER.readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Store store;
    private final EventLog log;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final List<Consumer<List<Event>>> acceptedListeners = new CopyOnWriteArrayList<>();

    /** Embedded: events go to the store, then to the in-process correlator. */
    public IngestService(Store store, Correlator correlator, Clock clock, MeterRegistry metrics) {
        this(store, EventLog.local(store, correlator), clock, metrics);
    }

    /**
     * @param store quarantines the documents that could not be read at all (a record of a document that could be
     *              read goes through {@code log} with its batch)
     */
    public IngestService(Store store, EventLog log, Clock clock, MeterRegistry metrics) {
        this.store = store;
        this.log = log;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Also hands every newly stored event (the ones given to the correlator) to {@code listener}, on the ingesting
     * thread, after the batch is durable. A listener must be quick and thread-safe; if it fails, the failure is
     * logged and ingestion goes on, since the events are already stored.
     */
    public void addAcceptedListener(Consumer<List<Event>> listener) {
        acceptedListeners.add(listener);
    }

    /**
     * A body holding one event object or an array of them. Each record's raw text is kept exactly as sent, so
     * a quarantined record is the sender's bytes, not our re-serialisation of them.
     */
    public IngestResult ingestJson(String body, String channel) {
        var records = new ArrayList<JsonNode>();
        var raw = new HashMap<Integer, String>();
        try (JsonParser p = Json.MAPPER.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw malformed(null, body, channel);
            }
            if (first == JsonToken.START_ARRAY) {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (records.size() >= MAX_BATCH) {
                        throw new BatchTooLargeException(MAX_BATCH + 1, MAX_BATCH);
                    }
                    int start = (int) p.currentTokenLocation().getCharOffset();
                    JsonNode node = ELEMENT.readValue(p);
                    raw.put(records.size(), body.substring(start, (int) p.currentLocation().getCharOffset()));
                    records.add(node);
                }
            } else {
                records.add(ELEMENT.readValue(p));
                raw.put(0, body);
            }
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "unexpected content after the end of the JSON value");
            }
        } catch (JsonProcessingException e) {
            throw malformed(e, body, channel);
        } catch (NumberFormatException e) {
            // A number no BigDecimal holds (1e9999999999) escapes Jackson's own exceptions.
            throw malformed(new JsonParseException(null, e.getMessage()), body, channel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ingestRecords(records, channel, Map.of(), raw);
    }

    /** Newline-delimited JSON: a malformed line is a rejected record (with its line and column), not a failed batch. */
    public IngestResult ingestNdjson(String body, String channel) {
        var records = new ArrayList<JsonNode>();
        var lineErrors = new HashMap<Integer, RecordError>();
        var rawLines = new HashMap<Integer, String>();
        try (var reader = new BufferedReader(new StringReader(body))) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                int index = records.size();
                rawLines.put(index, line);
                try {
                    records.add(Json.MAPPER.readTree(line));
                } catch (JsonProcessingException e) {
                    JsonLocation loc = e.getLocation();
                    records.add(null);
                    lineErrors.put(index, new RecordError(index, "", "malformed JSON on line " + lineNo + ", column "
                            + (loc == null ? "?" : loc.getColumnNr()) + ": " + e.getOriginalMessage()));
                } catch (NumberFormatException e) {
                    records.add(null);
                    lineErrors.put(index, new RecordError(index, "", "malformed JSON on line " + lineNo + ": "
                            + e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ingestRecords(records, channel, lineErrors, rawLines);
    }

    /** @param rawLines the sender's text of each record, where known */
    private IngestResult ingestRecords(List<JsonNode> records, String channel, Map<Integer, RecordError> preErrors,
                                       Map<Integer, String> rawLines) {
        if (records.size() > MAX_BATCH) {
            throw new BatchTooLargeException(records.size(), MAX_BATCH);
        }
        Instant now = clock.instant();
        var events = new ArrayList<Event>();
        var eventIndex = new ArrayList<Integer>();
        var rejects = new ArrayList<QuarantinedRecord>();
        var errors = new ArrayList<RecordError>();
        for (int i = 0; i < records.size(); i++) {
            RecordError pre = preErrors.get(i);
            if (pre != null) {
                errors.add(pre);
                rejects.add(quarantine(now, channel, pre.message(), rawLines.get(i)));
                continue;
            }
            switch (EventJson.read(records.get(i), now)) {
                case EventReadResult.Valid v -> {
                    events.add(v.event());
                    eventIndex.add(i);
                }
                case EventReadResult.Invalid inv -> {
                    for (FieldError fe : inv.errors()) {
                        errors.add(new RecordError(i, fe.field(), fe.message()));
                    }
                    String reason = inv.errors().stream().map(FieldError::toString).collect(Collectors.joining("; "));
                    rejects.add(quarantine(now, channel, reason, rawLines.getOrDefault(i, records.get(i).toString())));
                }
            }
        }
        return commit(events, eventIndex, rejects, errors, records.size(), channel);
    }

    /** For sources inside the JVM (simulator, detectors) that already hold valid events. */
    public IngestResult ingestEvents(List<Event> events, String channel) {
        var index = new ArrayList<Integer>(events.size());
        for (int i = 0; i < events.size(); i++) {
            index.add(i);
        }
        return commit(events, index, List.of(), List.of(), events.size(), channel);
    }

    /**
     * What a feed format made of one document: its events are stored and correlated, its rejected records
     * quarantined with ids derived from their content, so a feed polled twice quarantines a bad record once.
     */
    public IngestResult ingestFeed(FeedBatch batch, String channel) {
        Instant now = clock.instant();
        var rejects = new ArrayList<QuarantinedRecord>();
        var errors = new ArrayList<RecordError>();
        for (RejectedRecord r : batch.rejected()) {
            String raw = truncate(r.raw());
            rejects.add(new QuarantinedRecord(FeedIds.quarantineId(channel, r.ref(), raw), now, channel,
                    r.ref() + ": " + r.reason(), raw));
            errors.add(new RecordError(batch.events().size() + errors.size(), r.ref(), r.reason()));
        }
        var index = new ArrayList<Integer>(batch.events().size());
        for (int i = 0; i < batch.events().size(); i++) {
            index.add(i);
        }
        return commit(batch.events(), index, rejects, errors, batch.events().size() + rejects.size(), channel);
    }

    /**
     * A feed document that could not be read at all. Text is kept as text; anything that is not UTF-8 (a
     * truncated protobuf) is kept as {@code base64:…} so the integrator gets the exact bytes back.
     */
    public void quarantineDocument(String channel, String reason, byte[] document) {
        String raw = truncate(asText(document));
        store.ingest(List.of(), List.of(new QuarantinedRecord(FeedIds.quarantineId(channel, reason, raw),
                clock.instant(), channel, reason, raw)));
        metrics.counter("vigie.events.quarantined", "channel", channelKind(channel)).increment();
    }

    private static String asText(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(bytes);
        }
    }

    private IngestResult commit(List<Event> events, List<Integer> eventIndex, List<QuarantinedRecord> rejects,
                                List<RecordError> errors, int received, String channel) {
        IngestReceipt receipt = log.append(events, rejects);
        // Only what this call stored, once each: a record repeated within the batch is stored (and joins) once.
        Set<EventId> fresh = new HashSet<>(receipt.stored());
        List<Event> toCorrelate = events.stream().filter(e -> fresh.remove(e.id())).toList();
        if (!toCorrelate.isEmpty()) {
            for (Consumer<List<Event>> l : acceptedListeners) {
                try {
                    l.accept(toCorrelate);
                } catch (RuntimeException e) {
                    LOG.warn("a listener of accepted events failed on {} event(s) from {}", toCorrelate.size(), channel, e);
                }
            }
        }
        var ids = new ArrayList<EventId>(received);
        for (int i = 0; i < received; i++) {
            ids.add(null);
        }
        for (int k = 0; k < events.size(); k++) {
            ids.set(eventIndex.get(k), events.get(k).id());
        }
        metrics.counter("vigie.events.ingested", "channel", channelKind(channel)).increment(receipt.stored().size());
        metrics.counter("vigie.events.duplicates", "channel", channelKind(channel)).increment(receipt.duplicates().size());
        metrics.counter("vigie.events.quarantined", "channel", channelKind(channel)).increment(rejects.size());
        return new IngestResult(received, receipt.stored().size(), receipt.duplicates().size(), ids, errors);
    }

    private MalformedBodyException malformed(JsonProcessingException e, String body, String channel) {
        long line = e == null || e.getLocation() == null ? 1 : e.getLocation().getLineNr();
        long column = e == null || e.getLocation() == null ? 1 : e.getLocation().getColumnNr();
        String message = e == null ? "empty body: expected an event object or an array of events" : e.getOriginalMessage();
        // Even a body we cannot read is evidence of a misbehaving source: keep it for the integrator.
        store.ingest(List.of(), List.of(quarantine(clock.instant(), channel,
                "malformed JSON at line " + line + ", column " + column + ": " + message, body)));
        metrics.counter("vigie.events.quarantined", "channel", channelKind(channel)).increment();
        return new MalformedBodyException(message, line, column);
    }

    private static QuarantinedRecord quarantine(Instant now, String channel, String reason, String raw) {
        return new QuarantinedRecord(UUID.randomUUID().toString(), now, channel, reason, truncate(raw));
    }

    private static String truncate(String raw) {
        return raw == null ? "" : raw.length() > MAX_RAW_CHARS ? raw.substring(0, MAX_RAW_CHARS) + "…[truncated]" : raw;
    }

    private static String channelKind(String channel) {
        int colon = channel.indexOf(':');
        return colon < 0 ? channel : channel.substring(0, colon);
    }

    /** More records than one request may carry. */
    public static final class BatchTooLargeException extends RuntimeException {
        public BatchTooLargeException(int size, int max) {
            super("a batch holds at most " + max + " events, this one has " + size + "; split it");
        }
    }
}
