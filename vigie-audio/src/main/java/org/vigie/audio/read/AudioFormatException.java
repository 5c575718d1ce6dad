package org.vigie.audio.read;

import java.io.IOException;

/** A file or stream that is not audio Vigie can read, or is cut short; the message says what was wrong. */
public final class AudioFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public AudioFormatException(String message) {
        super(message);
    }

    public AudioFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
