package org.vigie.feeds.tabular;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.vigie.core.geo.BoundingBox;
import org.vigie.core.json.Json;
import org.vigie.core.model.Attributes;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Location;
import org.vigie.core.model.Severity;
import org.vigie.core.model.Source;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.FeedIds;
import org.vigie.feeds.FeedParseException;
import org.vigie.feeds.RejectedRecord;

/**
 * A CSV or JSON Lines export read through a {@link TabularMapping}, named {@code tabular.NAME}. Every row
 * becomes an event or a {@link RejectedRecord} ({@code line N}, the column and value that were wrong, the row's
 * text); only rows of an aggregate feed below the mapping's {@code emit-when} rule give neither, and they are
 * counted ({@link FeedBatch#records()} minus events minus rejected). A document as a whole is refused only when
 * it cannot be read: not in the mapping's encoding, no header, or a header without the columns the mapping reads.
 *
 * <p>Event ids are {@code FeedIds.eventId("tabular", source, id|version, occurredAt)}, so reading the same
 * export twice, or an export that overlaps the last one, stores each version of each record once.
 *
 * <p>Large files stream: {@link #parse(Path, FeedContext, int, Consumer)} hands over batches of rows as it reads,
 * and {@link #split} cuts a file into documents of whole rows, the header repeated, for upload. Thread-safe.
 */
public final class TabularFormat implements FeedFormat {
    /** The format part of every event id: one record has one id whatever mapping version read it. */
    public static final String ID_FORMAT = "tabular";
    public static final int DEFAULT_CHUNK_ROWS = 2_000;
    /** A chunk for upload is closed at this many characters, well under {@link FeedFormat#MAX_DOCUMENT_BYTES}. */
    static final int MAX_CHUNK_CHARS = 4 << 20;
    private static final String REMOVED = "[removed]";
    private static final ObjectReader JSON = Json.MAPPER.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final TabularMapping mapping;
    private final BoundingBox cityBounds;

    /**
     * @param cityBounds rows outside these are rejected, unless the mapping declares its own {@code bounds};
     *                   null: only the mapping's bounds, if any, apply
     */
    public TabularFormat(TabularMapping mapping, BoundingBox cityBounds) {
        this.mapping = Objects.requireNonNull(mapping);
        this.cityBounds = cityBounds;
    }

    @Override
    public String name() {
        return "tabular." + mapping.name();
    }

    public TabularMapping mapping() {
        return mapping;
    }

    /** What a whole file gave. {@code withoutEvent}: rows that the mapping's emit-when rule did not select. */
    public record Summary(long records, long events, long rejected, long withoutEvent) {
    }

    @Override
    public FeedBatch parse(byte[] document, FeedContext context) throws FeedParseException {
        if (document.length > MAX_DOCUMENT_BYTES) {
            throw new FeedParseException("the document has " + document.length + " bytes; at most " + MAX_DOCUMENT_BYTES);
        }
        String text = decode(document, mapping.encoding());
        var events = new ArrayList<Event>();
        var rejected = new ArrayList<RejectedRecord>();
        long[] records = {0};
        try {
            parse(new StringReader(text), context, Integer.MAX_VALUE, b -> {
                records[0] += b.records();
                events.addAll(b.events());
                rejected.addAll(b.rejected());
            });
        } catch (IOException e) {
            throw new FeedParseException("cannot read the document: " + e.getMessage(), e);
        }
        return new FeedBatch((int) records[0], events, rejected);
    }

    /**
     * Reads a whole file, handing over a batch every {@code chunkRows} rows, so that memory stays flat whatever
     * its size. Batches handed over before a {@link FeedParseException} (a byte that is not in the mapping's
     * encoding half-way through) stand.
     */
    public Summary parse(Path file, FeedContext context, int chunkRows, Consumer<FeedBatch> sink)
            throws IOException, FeedParseException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(reader(in, mapping.encoding()), context, chunkRows, sink);
        }
    }

    /** As {@link #parse(Path, FeedContext, int, Consumer)}, from text already decoded. */
    public Summary parse(Reader in, FeedContext context, int chunkRows, Consumer<FeedBatch> sink)
            throws IOException, FeedParseException {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be >= 1");
        }
        if (context.sourceId().length() > Source.MAX_ID_LENGTH) {
            throw new FeedParseException("the source id has " + context.sourceId().length() + " characters; at most "
                    + Source.MAX_ID_LENGTH);
        }
        var reading = new Reading(in);
        var mapper = new RowMapper(context, reading.header, reading.columns);
        long records = 0;
        long events = 0;
        long rejected = 0;
        var batchEvents = new ArrayList<Event>();
        var batchRejected = new ArrayList<RejectedRecord>();
        int batchRecords = 0;
        TextRecord r;
        while ((r = reading.next()) != null) {
            batchRecords++;
            switch (mapper.map(r)) {
                case Mapped.AnEvent e -> batchEvents.add(e.event());
                case Mapped.Rejected x -> batchRejected.add(x.record());
                case Mapped.NoEvent n -> {
                }
            }
            if (batchRecords == chunkRows) {
                records += batchRecords;
                events += batchEvents.size();
                rejected += batchRejected.size();
                sink.accept(new FeedBatch(batchRecords, batchEvents, batchRejected));
                batchEvents.clear();
                batchRejected.clear();
                batchRecords = 0;
            }
        }
        if (batchRecords > 0 || records == 0) {
            records += batchRecords;
            events += batchEvents.size();
            rejected += batchRejected.size();
            sink.accept(new FeedBatch(batchRecords, batchEvents, batchRejected));
        }
        return new Summary(records, events, rejected, records - events - rejected);
    }

    /**
     * A piece of a file that is a valid document on its own: the lines above the header and the header (CSV),
     * then whole rows exactly as they were. Line numbers in the server's answer are the chunk's; {@link #fileLine}
     * turns them back into the file's. In the first chunk they are the file's own.
     *
     * @param text      the document
     * @param rows      how many rows it holds
     * @param firstLine the file line of its first row
     */
    public record Chunk(String text, int rows, int firstLine, int[] chunkLines, int[] fileLines) {
        /**
         * What the file's line numbers add to the chunk's: sent with the upload ({@code line-offset}), so the
         * server quarantines each row under its line in the file (exact unless a gap of more than 65,536 blank
         * lines was shortened).
         */
        public int lineOffset() {
            return fileLines[0] - chunkLines[0];
        }

        /** The file line of a line of this chunk (a {@code line N} in a rejection). */
        public int fileLine(int chunkLine) {
            int i = Arrays.binarySearch(chunkLines, chunkLine);
            if (i < 0) {
                i = Math.max(0, -i - 2);
            }
            return fileLines[i] + (chunkLine - chunkLines[i]);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Chunk c && c.text.equals(text) && c.firstLine == firstLine;
        }

        @Override
        public int hashCode() {
            return text.hashCode() * 31 + firstLine;
        }

        @Override
        public String toString() {
            return "Chunk[" + rows + " rows from line " + firstLine + "]";
        }
    }

    /** Cuts a file into documents of at most {@code rowsPerChunk} rows each, for upload in pieces. */
    public void split(Path file, int rowsPerChunk, Consumer<Chunk> sink) throws IOException, FeedParseException {
        try (InputStream in = Files.newInputStream(file)) {
            split(reader(in, mapping.encoding()), rowsPerChunk, sink);
        }
    }

    public void split(Reader in, int rowsPerChunk, Consumer<Chunk> sink) throws IOException, FeedParseException {
        if (rowsPerChunk < 1) {
            throw new IllegalArgumentException("rowsPerChunk must be >= 1");
        }
        var reading = new Reading(in);
        String prefix = reading.prefix;
        int prefixLines = reading.prefixLines;
        var text = new StringBuilder(prefix);
        var chunkLines = new ArrayList<Integer>();
        var fileLines = new ArrayList<Integer>();
        int line = prefixLines + 1;
        int fileNext = prefixLines + 1;
        TextRecord r;
        while ((r = reading.next()) != null) {
            if (!chunkLines.isEmpty() && (chunkLines.size() == rowsPerChunk || text.length() + r.text().length() > MAX_CHUNK_CHARS)) {
                sink.accept(chunk(text, chunkLines, fileLines));
                text.setLength(0);
                text.append(prefix);
                chunkLines.clear();
                fileLines.clear();
                line = prefixLines + 1;
                fileNext = r.line();
            }
            // Blank lines between rows are kept, so that in the first chunk (the whole of a small file) every row
            // is on its own line of the file, and so are the line numbers the server quarantines it under.
            int gap = Math.min(r.line() - fileNext, 1 << 16);
            if (gap > 0) {
                text.append("\n".repeat(gap));
                line += gap;
            }
            chunkLines.add(line);
            fileLines.add(r.line());
            text.append(r.text()).append('\n');
            line += Math.max(1, r.lines());
            fileNext = r.line() + Math.max(1, r.lines());
        }
        if (!chunkLines.isEmpty()) {
            sink.accept(chunk(text, chunkLines, fileLines));
        }
    }

    private static Chunk chunk(StringBuilder text, List<Integer> chunkLines, List<Integer> fileLines) {
        return new Chunk(text.toString(), chunkLines.size(), fileLines.get(0),
                chunkLines.stream().mapToInt(Integer::intValue).toArray(),
                fileLines.stream().mapToInt(Integer::intValue).toArray());
    }

    // --- reading --------------------------------------------------------------------------------------------

    /** The text of a stream in the mapping's encoding, failing (not replacing) on bytes that are not in it. */
    public Reader textOf(InputStream in) {
        return reader(in, mapping.encoding());
    }

    private static Reader reader(InputStream in, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
    }

    private static String decode(byte[] document, Charset charset) throws FeedParseException {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(document)).toString();
        } catch (CharacterCodingException e) {
            throw notInEncoding(charset, e);
        }
    }

    private static FeedParseException notInEncoding(Charset charset, CharacterCodingException e) {
        return new FeedParseException("the document is not valid " + charset.name() + " (" + e.getMessage()
                + "); set format.encoding in the mapping, e.g. windows-1252", e);
    }

    /** The header of one document and its rows after it. */
    private final class Reading {
        private final TextRecords records;
        private final Map<String, Integer> header = new HashMap<>();
        /** The columns in file order; a name may repeat (only columns the mapping reads must be unique). */
        private List<String> columns = List.of();
        private final String prefix;
        private final int prefixLines;

        Reading(Reader in) throws IOException, FeedParseException {
            try {
                var dialect = mapping.dialect();
                var reader = skipByteOrderMark(in);
                records = dialect.layout() == TabularMapping.Layout.CSV
                        ? TextRecords.csv(reader, dialect.delimiter(), dialect.quote()) : TextRecords.jsonLines(reader);
                String skipped = records.skipLines(dialect.skipLines());
                columns = dialect.columns();
                String headerText = "";
                if (dialect.layout() == TabularMapping.Layout.CSV && dialect.header()) {
                    TextRecord h = records.next();
                    if (h == null) {
                        throw new FeedParseException("the document has no header row");
                    }
                    if (h.problem() != null) {
                        throw new FeedParseException("the header row (line " + h.line() + ") cannot be read: " + h.problem());
                    }
                    columns = h.fields().stream().map(String::strip).toList();
                    headerText = h.text() + "\n";
                }
                var duplicated = new ArrayList<String>();
                for (int i = 0; i < columns.size(); i++) {
                    if (header.putIfAbsent(columns.get(i), i) != null) {
                        duplicated.add(columns.get(i));
                    }
                }
                if (dialect.layout() == TabularMapping.Layout.CSV) {
                    var missing = mapping.readColumns().stream().filter(c -> !header.containsKey(c)).toList();
                    if (!missing.isEmpty()) {
                        throw new FeedParseException("the header has no column " + String.join(", ", missing.stream()
                                .map(c -> "'" + c + "'").toList()) + " that mapping " + mapping.name() + " reads; it has "
                                + Row.clip(columns.toString()));
                    }
                    var ambiguous = duplicated.stream().filter(mapping.readColumns()::contains).toList();
                    if (!ambiguous.isEmpty()) {
                        throw new FeedParseException("the header names column(s) " + ambiguous + " more than once");
                    }
                }
                prefix = skipped + headerText;
                prefixLines = records.line - 1;
            } catch (CharacterCodingException e) {
                throw notInEncoding(mapping.encoding(), e);
            }
        }

        TextRecord next() throws IOException, FeedParseException {
            try {
                return records.next();
            } catch (CharacterCodingException e) {
                throw notInEncoding(mapping.encoding(), e);
            }
        }

        private static Reader skipByteOrderMark(Reader in) throws IOException {
            var pushback = new PushbackReader(in, 1);
            int c = pushback.read();
            if (c != -1 && c != '\uFEFF') {
                pushback.unread(c);
            }
            return pushback;
        }
    }

    // --- mapping rows -----------------------------------------------------------------------------------------

    private sealed interface Mapped {
        record AnEvent(Event event) implements Mapped {
        }

        record Rejected(RejectedRecord record) implements Mapped {
        }

        record NoEvent() implements Mapped {
        }
    }

    /** Turns the rows of one parse into events. Not thread-safe (its locator is not): one per parse. */
    private final class RowMapper {
        private final FeedContext context;
        private final Map<String, Integer> header;
        private final List<String> columns;
        private final PositionColumns.Locator locator;
        private final TabularMapping.Dialect dialect = mapping.dialect();

        RowMapper(FeedContext context, Map<String, Integer> header, List<String> columns) {
            this.context = context;
            this.header = header;
            this.columns = columns;
            this.locator = mapping.position().locator(cityBounds, dialect.decimalSeparator());
        }

        Mapped map(TextRecord r) {
            Row row;
            String raw;
            boolean personal = !mapping.personalColumns().isEmpty();
            if (r.problem() != null) {
                return reject(r, r.problem(), personal ? withheld() : r.text());
            }
            if (dialect.layout() == TabularMapping.Layout.CSV) {
                if (r.fields().size() != columns.size()) {
                    return reject(r, "the row has " + r.fields().size() + " fields, the header " + columns.size(),
                            personal ? withheld() : r.text());
                }
                row = new Row.CsvRow(header, r.fields());
                raw = personal ? redactedCsv(r.fields()) : r.text();
            } else {
                JsonNode node;
                try {
                    node = JSON.readTree(r.text());
                } catch (JsonProcessingException e) {
                    return reject(r, "not a JSON object: " + e.getOriginalMessage(), personal ? withheld() : r.text());
                } catch (NumberFormatException e) { // a number no BigDecimal holds (1e9999999999)
                    return reject(r, "not a JSON object: " + e.getMessage(), personal ? withheld() : r.text());
                }
                if (node == null || !node.isObject()) {
                    return reject(r, "expected a JSON object, got " + (node == null ? "nothing" : node.getNodeType()
                            .name().toLowerCase(Locale.ROOT)), personal ? withheld() : r.text());
                }
                row = new Row.JsonRow(node);
                raw = personal ? redactedJson((ObjectNode) node) : r.text();
            }
            return map(r, row, raw);
        }

        private Mapped map(TextRecord r, Row row, String raw) {
            var problems = new ArrayList<String>();
            var key = new StringBuilder();
            for (String c : mapping.idColumns()) {
                String v = row.text(c, problems);
                if (v != null && v.isEmpty()) {
                    problems.add(c + " is blank; a record needs its id");
                }
                key.append(key.isEmpty() ? "" : "\u001f").append(v);
            }
            if (mapping.versionColumn() != null) {
                // A record without a version is still the same record: its id alone keys it.
                key.append('|').append(Objects.requireNonNullElse(row.text(mapping.versionColumn(), problems), ""));
            }
            var occurredAt = mapping.occurredAt().read(row, context.receivedAt(), problems);
            Location location = locator.locate(row, problems);
            EventType type = mapping.type().resolve(row, null, problems);
            Double confidence = mapping.confidence().resolve(row, null, problems);
            Severity severity = mapping.severity() == null || type == null ? null
                    : mapping.severity().resolve(row, type.defaultSeverity(), problems);
            var attributes = Attributes.builder();
            for (AttributeColumn a : mapping.attributes()) {
                a.read(row, dialect.decimalSeparator(), attributes, problems);
            }
            boolean emit = mapping.emitWhen().isEmpty();
            for (EmitCondition c : mapping.emitWhen()) {
                Boolean holds = c.holds(row, dialect.decimalSeparator(), problems);
                emit |= Boolean.TRUE.equals(holds);
            }
            if (!problems.isEmpty()) {
                // A column read twice (an id that is also the time) is reported once.
                return reject(r, String.join("; ", problems.stream().distinct().toList()), raw);
            }
            if (!emit) {
                return new Mapped.NoEvent();
            }
            try {
                return new Mapped.AnEvent(Event.builder()
                        .id(FeedIds.eventId(ID_FORMAT, context.sourceId(), key.toString(), occurredAt))
                        .occurredAt(occurredAt)
                        .receivedAt(context.receivedAt())
                        .source(mapping.sourceKind(), context.sourceId())
                        .type(type)
                        .location(location)
                        .confidence(confidence)
                        .severity(severity)
                        .attributes(attributes.build())
                        .build());
            } catch (IllegalArgumentException e) { // InvalidEventException included
                return reject(r, e.getMessage(), raw);
            }
        }

        private Mapped reject(TextRecord r, String reason, String raw) {
            return new Mapped.Rejected(new RejectedRecord("line " + (r.line() + context.lineOffset()), reason, raw));
        }

        /**
         * The quarantine keeps the row's text, but not the values of columns the mapping names as personal. When
         * the row cannot be split into fields, those values cannot be found, so nothing of it is kept.
         */
        private String withheld() {
            return "(not kept: the row could not be read and mapping " + mapping.name() + " declares personal columns)";
        }

        private String redactedCsv(List<String> fields) {
            var out = new StringBuilder();
            char d = dialect.delimiter();
            char q = dialect.quote();
            for (int i = 0; i < fields.size(); i++) {
                String f = mapping.personalColumns().contains(columns.get(i)) && !fields.get(i).isBlank()
                        ? REMOVED : fields.get(i);
                if (i > 0) {
                    out.append(d);
                }
                if (f.indexOf(d) >= 0 || f.indexOf(q) >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                    String doubled = f.replace(String.valueOf(q), String.valueOf(q) + q);
                    out.append(q).append(doubled).append(q);
                } else {
                    out.append(f);
                }
            }
            return out.toString();
        }

        private String redactedJson(ObjectNode node) {
            ObjectNode copy = node.deepCopy();
            for (String c : mapping.personalColumns()) {
                if (copy.has(c)) {
                    copy.put(c, REMOVED);
                    continue;
                }
                String[] path = c.split("\\.", -1);
                JsonNode parent = copy;
                for (int i = 0; i < path.length - 1 && parent != null; i++) {
                    parent = parent.get(path[i]);
                }
                if (parent instanceof ObjectNode o && o.has(path[path.length - 1])) {
                    o.put(path[path.length - 1], REMOVED);
                }
            }
            try {
                return Json.MAPPER.writeValueAsString(copy);
            } catch (JsonProcessingException e) {
                return withheld();
            }
        }
    }
}
