package org.vigie.server.ingest;

/** The request body is not JSON at all; carries the parser's position so the sender can find the fault. */
public final class MalformedBodyException extends RuntimeException {
    private final long line;
    private final long column;

    public MalformedBodyException(String message, long line, long column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }
}
