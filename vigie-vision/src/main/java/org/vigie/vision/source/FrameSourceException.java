package org.vigie.vision.source;

/** A source that cannot be opened at all (a missing file, an unknown format); live streams retry instead. */
public final class FrameSourceException extends RuntimeException {
    public FrameSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
