package org.vigie.feeds.tabular;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a tabular document into records, one at a time, so a file of any size streams through in constant
 * memory. CSV follows RFC 4180 (quoted fields may hold delimiters, doubled quotes and line breaks; CRLF, LF or
 * CR end a record) and is lenient where real exports are sloppy: a quote inside an unquoted field is kept as
 * text. A record whose quoting is broken still ends where its line ends and comes back with a {@code problem},
 * so the rows after it are read normally: Commons CSV stops at the first such record, which would lose the rest
 * of the export, hence this reader. Blank lines are not records.
 */
abstract sealed class TextRecords permits TextRecords.Csv, TextRecords.JsonLines {
    /** A record longer than this is cut (an unclosed quote can otherwise swallow a whole file into memory). */
    static final int MAX_RECORD_CHARS = 1 << 20;
    /** More fields than this is not a table but a runaway line; the rest are not kept. */
    static final int MAX_FIELDS = 10_000;

    private final Reader in;
    private final char[] buffer = new char[8192];
    private int pos;
    private int limit;
    /** The physical line the next character belongs to. */
    protected int line = 1;

    TextRecords(Reader in) {
        this.in = in;
    }

    static TextRecords csv(Reader in, char delimiter, char quote) {
        return new Csv(in, delimiter, quote);
    }

    static TextRecords jsonLines(Reader in) {
        return new JsonLines(in);
    }

    /** The next record, or null at the end of the document. */
    abstract TextRecord next() throws IOException;

    /** Skips whole physical lines (a title above the header) and returns their text, terminators included. */
    String skipLines(int count) throws IOException {
        var skipped = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int c;
            while ((c = read()) != -1) {
                append(skipped, (char) c);
                if (c == '\n' || c == '\r') {
                    if (c == '\r' && peek() == '\n') {
                        append(skipped, (char) read());
                    }
                    line++;
                    break;
                }
            }
            if (c == -1) {
                break;
            }
        }
        return skipped.toString();
    }

    protected int read() throws IOException {
        if (pos == limit) {
            limit = in.read(buffer, 0, buffer.length);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[pos++];
    }

    protected int peek() throws IOException {
        if (pos == limit) {
            limit = in.read(buffer, 0, buffer.length);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[pos];
    }

    /** Consumes the LF of a CRLF, so that CRLF, LF and a lone CR each end one line. */
    protected void endOfLine(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
        }
        line++;
    }

    static final class Csv extends TextRecords {
        private final char delimiter;
        private final char quote;

        private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

        Csv(Reader in, char delimiter, char quote) {
            super(in);
            this.delimiter = delimiter;
            this.quote = quote;
        }

        @Override
        TextRecord next() throws IOException {
            var fields = new ArrayList<String>();
            var field = new StringBuilder();
            var text = new StringBuilder();
            State state = State.FIELD_START;
            String problem = null;
            int start = line;
            int quotedFrom = 0;
            while (true) {
                int c = read();
                if (c == -1) {
                    if (state == State.QUOTED) {
                        problem = "the quoted field opened on line " + quotedFrom + " is never closed";
                    }
                    if (fields.isEmpty() && text.toString().isBlank()) {
                        return null;
                    }
                    fields.add(field.toString());
                    return done(start, line - start + 1, text, fields, problem);
                }
                boolean newline = c == '\n' || c == '\r';
                if (newline && state != State.QUOTED) {
                    endOfLine(c);
                    if (fields.isEmpty() && state != State.QUOTE_IN_QUOTED && text.toString().isBlank()) {
                        // A blank line is not a record.
                        start = line;
                        text.setLength(0);
                        field.setLength(0);
                        state = State.FIELD_START;
                        continue;
                    }
                    fields.add(field.toString());
                    return done(start, line - start, text, fields, problem);
                }
                append(text, (char) c);
                switch (state) {
                    case FIELD_START -> {
                        if (c == quote) {
                            state = State.QUOTED;
                            quotedFrom = line;
                        } else if (c == delimiter) {
                            problem = addField(fields, "", problem);
                        } else {
                            append(field, (char) c);
                            state = State.UNQUOTED;
                        }
                    }
                    case UNQUOTED -> {
                        if (c == delimiter) {
                            problem = addField(fields, field.toString(), problem);
                            field.setLength(0);
                            state = State.FIELD_START;
                        } else {
                            append(field, (char) c);
                        }
                    }
                    case QUOTED -> {
                        if (c == quote) {
                            state = State.QUOTE_IN_QUOTED;
                        } else {
                            append(field, (char) c);
                            if (newline) {
                                if (c == '\r' && peek() == '\n') {
                                    read();
                                    append(text, '\n');
                                    append(field, '\n');
                                }
                                line++;
                            }
                        }
                    }
                    case QUOTE_IN_QUOTED -> {
                        if (c == quote) {
                            append(field, quote);
                            state = State.QUOTED;
                        } else if (c == delimiter) {
                            problem = addField(fields, field.toString(), problem);
                            field.setLength(0);
                            state = State.FIELD_START;
                        } else {
                            if (problem == null) {
                                problem = "field " + (fields.size() + 1) + " has text after its closing quote";
                            }
                            append(field, (char) c);
                            state = State.UNQUOTED;
                        }
                    }
                }
            }
        }

        private static String addField(List<String> fields, String field, String problem) {
            if (fields.size() < MAX_FIELDS) {
                fields.add(field);
                return problem;
            }
            return problem != null ? problem : "the record has more than " + MAX_FIELDS + " fields";
        }

        private static TextRecord done(int start, int lines, StringBuilder text, List<String> fields, String problem) {
            if (text.length() >= MAX_RECORD_CHARS && problem == null) {
                problem = "the record is longer than " + MAX_RECORD_CHARS + " characters (an unclosed quote?)";
            }
            return new TextRecord(start, lines, text.toString(), List.copyOf(fields), problem);
        }
    }

    static final class JsonLines extends TextRecords {
        JsonLines(Reader in) {
            super(in);
        }

        @Override
        TextRecord next() throws IOException {
            var text = new StringBuilder();
            while (true) {
                int start = line;
                text.setLength(0);
                int c;
                while ((c = read()) != -1 && c != '\n' && c != '\r') {
                    append(text, (char) c);
                }
                if (c == -1 && text.isEmpty()) {
                    return null;
                }
                if (c != -1) {
                    endOfLine(c);
                } else {
                    line++;
                }
                if (!text.toString().isBlank()) {
                    String problem = text.length() >= MAX_RECORD_CHARS
                            ? "the line is longer than " + MAX_RECORD_CHARS + " characters" : null;
                    return new TextRecord(start, 1, text.toString(), List.of(), problem);
                }
            }
        }
    }

    private static void append(StringBuilder to, char c) {
        if (to.length() < MAX_RECORD_CHARS) {
            to.append(c);
        }
    }
}
