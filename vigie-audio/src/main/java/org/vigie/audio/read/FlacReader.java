package org.vigie.audio.read;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;

/** FLAC through jFLAC (pure Java), samples of every channel averaged to mono. */
public final class FlacReader {
    /** Constant subframes compress without bound; this caps what a small corrupt file can expand to. */
    public static final int MAX_SAMPLES = 1 << 26;

    private FlacReader() {
    }

    public static AudioClip read(byte[] bytes, String name) throws AudioFormatException {
        if (bytes.length < 4 || bytes[0] != 'f' || bytes[1] != 'L' || bytes[2] != 'a' || bytes[3] != 'C') {
            throw new AudioFormatException(name + ": not a FLAC file (no fLaC marker)");
        }
        FLACDecoder decoder = new FLACDecoder(new ByteArrayInputStream(bytes));
        StreamInfo info;
        float[] out;
        int n = 0;
        try {
            decoder.readMetadata();
            info = decoder.getStreamInfo();
            if (info == null) {
                throw new AudioFormatException(name + ": FLAC file without STREAMINFO block");
            }
            if (info.getSampleRate() < 1000 || info.getSampleRate() > 384_000) {
                throw new AudioFormatException(name + ": FLAC sample rate " + info.getSampleRate() + " Hz out of range");
            }
            long total = info.getTotalSamples();
            // The header's count is a hint only: a corrupt one must not allocate gigabytes.
            out = new float[(int) Math.min(Math.max(total, 4096), 1 << 20)];
            float scale = (float) (1.0 / (1L << (info.getBitsPerSample() - 1)) / info.getChannels());
            Frame frame;
            while ((frame = decoder.readNextFrame()) != null) {
                int block = frame.header.blockSize;
                int channels = frame.header.channels;
                if ((long) n + block > MAX_SAMPLES) {
                    throw new AudioFormatException(name + ": FLAC file longer than " + MAX_SAMPLES + " samples");
                }
                if (n + block > out.length) {
                    out = Arrays.copyOf(out, Math.max(out.length * 2, n + block));
                }
                var data = decoder.getChannelData();
                for (int c = 0; c < channels; c++) {
                    int[] s = data[c].getOutput();
                    for (int i = 0; i < block; i++) {
                        out[n + i] += s[i] * scale;
                    }
                }
                n += block;
            }
            if (decoder.getBadFrames() > 0) {
                throw new AudioFormatException(name + ": FLAC file has " + decoder.getBadFrames() + " corrupt frame(s)");
            }
            if (total > 0 && n < total) {
                throw new AudioFormatException(name + ": FLAC file truncated: " + n + " of " + total + " samples decoded");
            }
        } catch (AudioFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // jFLAC reports a file cut inside a frame as an EOF or an index error; both mean the same to a caller.
            throw new AudioFormatException(name + ": FLAC file corrupt or truncated after " + n + " samples ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        return new AudioClip(Arrays.copyOf(out, n), info.getSampleRate());
    }
}
