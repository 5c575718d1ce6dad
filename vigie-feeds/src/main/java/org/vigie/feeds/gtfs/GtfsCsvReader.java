package org.vigie.feeds.gtfs;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 as GTFS uses it: UTF-8 (a byte-order mark is skipped), a header line naming the columns in any order,
 * quoted values that may hold commas, quotes ({@code ""}) and line breaks. Written here rather than taken from a
 * CSV library because every problem must name its physical line, and a broken quote or a bad row must become an
 * issue while the rest of the file is still read.
 */
final class GtfsCsvReader implements Closeable {
    /** One record this long is an unclosed quote swallowing the file, not data. */
    static final int MAX_RECORD_CHARS = 1 << 20;
    private static final int MAX_RAW_CHARS = 1_000;

    private final String file;
    private final Reader in;
    private final GtfsIssues issues;
    private final StringBuilder raw = new StringBuilder();
    private final List<String> recordWarnings = new ArrayList<>(1);
    private Map<String, Integer> columns;
    private int width;
    private long line = 1;
    private long recordLine;
    private int pushedBack = -2;
    private boolean ended;
    private boolean reportedEncoding;

    GtfsCsvReader(String file, InputStream stream, GtfsIssues issues) {
        this.file = file;
        // Malformed bytes become U+FFFD and one issue per file: stopping the whole file for one bad byte in a
        // stop name would lose far more than it protects.
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        this.in = new BufferedReader(new InputStreamReader(stream, decoder));
        this.issues = issues;
    }

    /**
     * Reads the header line.
     *
     * @return the column names (trimmed), or an empty list when the file is empty
     */
    List<String> header() throws IOException {
        List<String> names = record();
        if (names == null) {
            return List.of();
        }
        if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
            names.set(0, names.get(0).substring(1));
        }
        columns = new HashMap<>();
        var header = new ArrayList<String>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i).trim();
            header.add(n);
            if (n.isEmpty()) {
                continue;
            }
            if (columns.putIfAbsent(n, i) != null) {
                issues.add(new GtfsIssue(file, recordLine, "column " + n + " appears twice in the header; the first"
                        + " one is read", raw.toString(), false));
            }
        }
        width = names.size();
        return header;
    }

    Map<String, Integer> columns() {
        return columns;
    }

    /** The next data row, or null at the end of the file (or where the file stopped being readable). */
    GtfsRow next() throws IOException {
        while (true) {
            List<String> values = record();
            if (values == null) {
                return null;
            }
            String rawText = raw.toString();
            var row = new GtfsRow(file, recordLine, columns, values, rawText);
            recordWarnings.forEach(row::warn);
            if (!reportedEncoding && rawText.indexOf('\uFFFD') >= 0) {
                reportedEncoding = true;
                row.warn("not valid UTF-8 (GTFS files must be UTF-8); the bytes that were not are read as U+FFFD,"
                        + " here and in any later line of " + file);
            }
            if (values.size() > width) {
                boolean extraEmpty = values.subList(width, values.size()).stream().allMatch(String::isBlank);
                if (!extraEmpty) {
                    issues.skipped(row, values.size() + " values but the header names " + width + " columns");
                    continue;
                }
                // Trailing commas are common in exported feeds and lose nothing.
            } else if (values.size() < width) {
                row.warn("only " + values.size() + " values for the " + width + " columns of the header; the"
                        + " missing ones are read as empty");
            }
            return row;
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }

    /** One record's values, or null at the end. Blank lines between records are skipped. */
    private List<String> record() throws IOException {
        if (ended) {
            return null;
        }
        raw.setLength(0);
        recordWarnings.clear();
        int c = read();
        while (c == '\n' || c == '\r') {
            endOfLine(c);
            c = read();
        }
        if (c == -1) {
            ended = true;
            return null;
        }
        recordLine = line;
        var values = new ArrayList<String>();
        var value = new StringBuilder();
        boolean quoted = false;
        boolean atValueStart = true;
        boolean afterClosingQuote = false;
        long length = 0;
        while (true) {
            if (c == -1) {
                if (quoted) {
                    ended = true;
                    issues.add(new GtfsIssue(file, recordLine, "a quoted value opened on this line is never closed;"
                            + " the record and the rest of the file were not read", raw.toString(), true));
                    return null;
                }
                values.add(value.toString());
                return values;
            }
            if (++length > MAX_RECORD_CHARS) {
                ended = true;
                issues.add(new GtfsIssue(file, recordLine, "a record longer than " + MAX_RECORD_CHARS
                        + " characters (an unclosed quote?); the rest of the file was not read", raw.toString(), true));
                return null;
            }
            if (quoted) {
                if (c == '"') {
                    int next = read();
                    if (next == '"') {
                        value.append('"');
                        keep('"');
                        keep('"');
                    } else {
                        keep('"');
                        quoted = false;
                        afterClosingQuote = true;
                        c = next;
                        continue;
                    }
                } else {
                    if (c == '\n' || (c == '\r' && peekNotNewline())) {
                        line++;
                    }
                    value.append((char) c);
                    keep(c);
                }
            } else if (c == ',') {
                values.add(value.toString());
                value.setLength(0);
                atValueStart = true;
                afterClosingQuote = false;
                keep(c);
            } else if (c == '\n' || c == '\r') {
                endOfLine(c);
                values.add(value.toString());
                return values;
            } else if (c == '"' && atValueStart) {
                quoted = true;
                atValueStart = false;
                keep(c);
            } else {
                if (afterClosingQuote) {
                    afterClosingQuote = false;
                    recordWarnings.add("value " + (values.size() + 1) + " has text after its closing quote; read as '"
                            + value + (char) c + "…'");
                }
                // A quote inside an unquoted value is kept as it is: lenient, and what a reader of the file expects.
                value.append((char) c);
                atValueStart = false;
                keep(c);
            }
            c = read();
        }
    }

    /** After a '\r' inside quotes: true when it is a line break of its own (not the first half of "\r\n"). */
    private boolean peekNotNewline() throws IOException {
        int next = read();
        pushedBack = next;
        return next != '\n';
    }

    private void endOfLine(int c) throws IOException {
        if (c == '\r') {
            int next = read();
            if (next != '\n') {
                pushedBack = next;
            }
        }
        line++;
    }

    private void keep(int c) {
        if (raw.length() < MAX_RAW_CHARS) {
            raw.append((char) c);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
