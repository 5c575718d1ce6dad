package org.vigie.audio.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Reads a WAV or FLAC file, recognised by its first bytes rather than its name. */
public final class AudioFiles {
    /** Longer recordings belong on a stream source, which never holds more than a few seconds in memory. */
    public static final long MAX_BYTES = 512L * 1024 * 1024;

    private AudioFiles() {
    }

    public static AudioClip read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new AudioFormatException(file + ": " + size + " bytes, more than the " + MAX_BYTES
                    + " a file source reads; stream it instead");
        }
        return decode(Files.readAllBytes(file), file.toString());
    }

    public static AudioClip decode(byte[] bytes, String name) throws AudioFormatException {
        if (bytes.length >= 4 && bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == 'F') {
            return WavReader.read(bytes, name);
        }
        if (bytes.length >= 4 && bytes[0] == 'f' && bytes[1] == 'L' && bytes[2] == 'a' && bytes[3] == 'C') {
            return FlacReader.read(bytes, name);
        }
        throw new AudioFormatException(name + ": not a WAV or FLAC file (starts with "
                + (bytes.length == 0 ? "nothing: empty file" : "0x" + HexFormat.of().formatHex(bytes, 0, Math.min(8, bytes.length))) + ")");
    }
}
