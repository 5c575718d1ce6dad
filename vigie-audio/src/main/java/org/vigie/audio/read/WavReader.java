package org.vigie.audio.read;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * RIFF/WAVE: integer PCM of 8, 16, 24 and 32 bits, IEEE float of 32 and 64 bits, plain or WAVE_FORMAT_EXTENSIBLE,
 * any number of channels (averaged to mono).
 */
public final class WavReader {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private WavReader() {
    }

    /** @param name used in error messages only */
    public static AudioClip read(byte[] bytes, String name) throws AudioFormatException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new AudioFormatException(name + ": not a WAV file (no RIFF/WAVE header)");
        }
        int format = -1;
        int channels = 0;
        int sampleRate = 0;
        int bits = 0;
        long pos = 12;
        while (pos + 8 <= bytes.length) {
            int id = b.getInt((int) pos);
            long size = b.getInt((int) pos + 4) & 0xFFFFFFFFL;
            int body = (int) pos + 8;
            if (id == 0x20746d66) { // "fmt "
                if (size < 16 || body + 16 > bytes.length) {
                    throw new AudioFormatException(name + ": WAV fmt chunk cut short");
                }
                format = b.getShort(body) & 0xFFFF;
                channels = b.getShort(body + 2) & 0xFFFF;
                sampleRate = b.getInt(body + 4);
                bits = b.getShort(body + 14) & 0xFFFF;
                if (format == FORMAT_EXTENSIBLE) {
                    if (size < 40 || body + 26 > bytes.length) {
                        throw new AudioFormatException(name + ": WAV extensible fmt chunk cut short");
                    }
                    format = b.getShort(body + 24) & 0xFFFF; // first two bytes of the sub-format GUID
                }
            } else if (id == 0x61746164) { // "data"
                if (format < 0) {
                    throw new AudioFormatException(name + ": WAV data chunk before its fmt chunk");
                }
                long available = bytes.length - body;
                // Recorders that were stopped abruptly leave 0 or 0xFFFFFFFF here: the data runs to the end of file.
                if (size == 0xFFFFFFFFL || size == 0 && available > 0) {
                    size = available;
                } else if (size > available) {
                    throw new AudioFormatException(name + ": WAV file truncated: data chunk announces " + size
                            + " bytes, only " + available + " present");
                }
                return decode(b, body, (int) size, format, channels, sampleRate, bits, name);
            }
            pos = body + size + (size & 1); // chunks are word aligned
        }
        throw new AudioFormatException(name + ": WAV file has no data chunk" + (format < 0 ? " and no fmt chunk" : ""));
    }

    private static AudioClip decode(ByteBuffer b, int off, int size, int format, int channels, int sampleRate,
                                    int bits, String name) throws AudioFormatException {
        if (channels < 1) {
            throw new AudioFormatException(name + ": WAV with " + channels + " channels");
        }
        if (sampleRate < 1000 || sampleRate > 384_000) {
            throw new AudioFormatException(name + ": WAV sample rate " + sampleRate + " Hz out of range [1000, 384000]");
        }
        boolean pcm = format == FORMAT_PCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
        boolean flt = format == FORMAT_FLOAT && (bits == 32 || bits == 64);
        if (!pcm && !flt) {
            throw new AudioFormatException(name + ": unsupported WAV encoding (format tag " + format + ", " + bits
                    + " bits); expected integer PCM 8/16/24/32 or float 32/64");
        }
        int width = bits / 8;
        int frameBytes = width * channels;
        int frames = size / frameBytes;
        if (frames == 0 && size > 0) {
            throw new AudioFormatException(name + ": WAV data shorter than one sample frame");
        }
        float[] out = new float[frames];
        float scale = 1f / channels;
        int p = off;
        if (pcm && bits == 16 && channels == 1) { // the common case, kept tight: it bounds the read speed
            for (int i = 0; i < frames; i++, p += 2) {
                out[i] = b.getShort(p) * (1f / 32768f);
            }
            return new AudioClip(out, sampleRate);
        }
        for (int i = 0; i < frames; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++, p += width) {
                sum += sample(b, p, bits, flt);
            }
            out[i] = sum * scale;
        }
        return new AudioClip(out, sampleRate);
    }

    private static float sample(ByteBuffer b, int p, int bits, boolean flt) {
        if (flt) {
            return bits == 32 ? b.getFloat(p) : (float) b.getDouble(p);
        }
        return switch (bits) {
            case 8 -> ((b.get(p) & 0xFF) - 128) / 128f; // 8-bit WAV is unsigned
            case 16 -> b.getShort(p) / 32768f;
            case 24 -> ((b.get(p) & 0xFF) | (b.get(p + 1) & 0xFF) << 8 | b.get(p + 2) << 16) / 8388608f;
            default -> (float) (b.getInt(p) / 2147483648.0);
        };
    }
}
