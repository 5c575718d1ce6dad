package org.vigie.audio.source;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.vigie.audio.read.AudioFormatException;

/**
 * The framing of live PCM from sensors over TCP (see {@code docs/audio.md}). Header fields are big-endian
 * (network order); samples are little-endian, as sensors' converters produce them.
 *
 * <pre>
 * magic            4 bytes  "VGA1"
 * id length        u8       1..128
 * sensor id        UTF-8
 * sample rate      u32      8000..192000 Hz
 * capture time     i64      microseconds since 1970-01-01T00:00Z of the first sample
 * encoding         u8       1 = signed 16-bit PCM, 3 = 32-bit float
 * sample count     u32      1..(10 s of samples)
 * samples          count x 2 or 4 bytes, little-endian, mono
 * </pre>
 */
public final class PcmFraming {
    public static final int MAGIC = 0x56474131; // "VGA1"
    public static final int PCM16 = 1;
    public static final int FLOAT32 = 3;
    public static final int MAX_SECONDS_PER_FRAME = 10;

    private PcmFraming() {
    }

    /** The next frame, or empty at a clean end of stream (between frames). */
    public static Optional<PcmFrame> read(InputStream in) throws IOException {
        DataInputStream data = in instanceof DataInputStream d ? d : new DataInputStream(in);
        int first = data.read();
        if (first < 0) {
            return Optional.empty();
        }
        try {
            int magic = first << 24 | data.readUnsignedByte() << 16 | data.readUnsignedByte() << 8 | data.readUnsignedByte();
            if (magic != MAGIC) {
                throw new AudioFormatException(String.format("not a Vigie PCM frame: magic 0x%08x, expected 0x%08x (\"VGA1\")",
                        magic, MAGIC));
            }
            int idLength = data.readUnsignedByte();
            if (idLength < 1 || idLength > 128) {
                throw new AudioFormatException("sensor id of " + idLength + " bytes; 1 to 128 expected");
            }
            byte[] id = data.readNBytes(idLength);
            if (id.length < idLength) {
                throw new EOFException();
            }
            String sensorId = new String(id, StandardCharsets.UTF_8);
            long rate = data.readInt() & 0xFFFFFFFFL;
            if (rate < 8000 || rate > 192_000) {
                throw new AudioFormatException("sensor " + sensorId + ": sample rate " + rate + " Hz; 8000 to 192000 expected");
            }
            long micros = data.readLong();
            int encoding = data.readUnsignedByte();
            if (encoding != PCM16 && encoding != FLOAT32) {
                throw new AudioFormatException("sensor " + sensorId + ": encoding " + encoding + "; 1 (PCM16) or 3 (float32) expected");
            }
            long count = data.readInt() & 0xFFFFFFFFL;
            if (count < 1 || count > rate * MAX_SECONDS_PER_FRAME) {
                throw new AudioFormatException("sensor " + sensorId + ": " + count + " samples in a frame; 1 to "
                        + rate * MAX_SECONDS_PER_FRAME + " expected");
            }
            int width = encoding == PCM16 ? 2 : 4;
            byte[] raw = data.readNBytes((int) count * width);
            if (raw.length < count * width) {
                throw new EOFException();
            }
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            float[] samples = new float[(int) count];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = encoding == PCM16 ? b.getShort() / 32768f : b.getFloat();
            }
            Instant start = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
            return Optional.of(new PcmFrame(sensorId, (int) rate, start, samples));
        } catch (EOFException e) {
            throw new AudioFormatException("stream ended inside a frame", e);
        }
    }

    /** Writes a frame as signed 16-bit PCM: what a sensor, or a test, sends. */
    public static void write(OutputStream out, PcmFrame frame) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        byte[] id = frame.sensorId().getBytes(StandardCharsets.UTF_8);
        data.writeInt(MAGIC);
        data.writeByte(id.length);
        data.write(id);
        data.writeInt(frame.sampleRate());
        Instant t = frame.captureStart();
        data.writeLong(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000));
        data.writeByte(PCM16);
        data.writeInt(frame.samples().length);
        ByteBuffer b = ByteBuffer.allocate(frame.samples().length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : frame.samples()) {
            b.putShort((short) Math.round(Math.max(-1f, Math.min(1f, s)) * 32767f));
        }
        data.write(b.array());
        data.flush();
    }
}
