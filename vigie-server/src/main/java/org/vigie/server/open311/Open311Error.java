package org.vigie.server.open311;

import java.util.List;
import org.vigie.feeds.open311.Open311Writer;
import org.vigie.feeds.open311.ResponseFormat;

/**
 * A GeoReport error answer: {@code [{"code", "description"}]} or {@code <errors><error>…}, in the format the
 * client asked for. Handlers throw it; {@link Open311Routes} writes it in one place. The HTTP status is the
 * code of the errors (all errors of one answer share it).
 */
public final class Open311Error extends RuntimeException {
    private final int status;
    private final transient List<Open311Writer.Error> errors;
    private final ResponseFormat format;

    public Open311Error(int status, List<String> descriptions, ResponseFormat format) {
        super(String.join("; ", descriptions));
        this.status = status;
        this.errors = descriptions.stream().map(d -> new Open311Writer.Error(status, d)).toList();
        this.format = format;
    }

    public Open311Error(int status, String description, ResponseFormat format) {
        this(status, List.of(description), format);
    }

    public int status() {
        return status;
    }

    public List<Open311Writer.Error> errors() {
        return errors;
    }

    public ResponseFormat format() {
        return format;
    }
}
