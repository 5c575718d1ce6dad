package org.vigie.audio.read;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Encoders for test files, written independently of the readers they check. */
public final class TestAudio {
    private TestAudio() {
    }

    /** WAV of the given channels (interleaved copies of the signal), format tag, bits; extensible wraps the tag. */
    public static byte[] wav(float[] signal, int sampleRate, int channels, int formatTag, int bits, boolean extensible) {
        int width = bits / 8;
        int dataSize = signal.length * channels * width;
        int fmtSize = extensible ? 40 : 16;
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + fmtSize + 8 + dataSize + 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(b.capacity() - 8).put("WAVE".getBytes());
        b.put("LIST".getBytes()).putInt(4).put("INFO".getBytes()); // an unrelated chunk the reader must skip
        b.put("fmt ".getBytes()).putInt(fmtSize).putShort((short) (extensible ? 0xFFFE : formatTag)).putShort((short) channels)
                .putInt(sampleRate).putInt(sampleRate * channels * width).putShort((short) (channels * width)).putShort((short) bits);
        if (extensible) {
            b.putShort((short) 22).putShort((short) bits).putInt(0).putShort((short) formatTag)
                    .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        }
        b.put("data".getBytes()).putInt(dataSize);
        for (float s : signal) {
            for (int c = 0; c < channels; c++) {
                if (formatTag == 3) {
                    if (bits == 32) {
                        b.putFloat(s);
                    } else {
                        b.putDouble(s);
                    }
                } else {
                    long v = Math.round(s * ((1L << (bits - 1)) - 1));
                    switch (bits) {
                        case 8 -> b.put((byte) (v + 128));
                        case 16 -> b.putShort((short) v);
                        case 24 -> b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
                        default -> b.putInt((int) v);
                    }
                }
            }
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    /** FLAC with verbatim subframes only, 16 bits, fixed blocks of 4096; enough to check the reader's plumbing. */
    public static byte[] flac(float[] signal, int sampleRate, int channels) {
        var out = new ByteArrayOutputStream();
        out.writeBytes("fLaC".getBytes());
        var si = new Bits();
        si.put(1, 1).put(0, 7).put(34, 24); // last metadata block, STREAMINFO, length
        si.put(4096, 16).put(4096, 16).put(0, 24).put(0, 24);
        si.put(sampleRate, 20).put(channels - 1, 3).put(15, 5).put(signal.length >>> 4, 32).put(signal.length & 15, 4);
        for (int i = 0; i < 16; i++) {
            si.put(0, 8); // MD5 unknown
        }
        out.writeBytes(si.bytes());
        int frameNo = 0;
        for (int start = 0; start < signal.length; start += 4096, frameNo++) {
            int block = Math.min(4096, signal.length - start);
            var f = new Bits();
            f.put(0x3FFE, 14).put(0, 1).put(0, 1); // sync, reserved, fixed block size
            f.put(7, 4).put(0, 4); // block size: 16-bit value at end of header; sample rate from STREAMINFO
            f.put(channels - 1, 4).put(4, 3).put(0, 1); // independent channels, 16 bits, reserved
            if (frameNo >= 128) {
                throw new IllegalArgumentException("test encoder writes at most 128 frames");
            }
            f.put(frameNo, 8); // UTF-8 coded frame number, one byte below 128
            f.put(block - 1, 16);
            f.put(crc8(f.bytes()), 8);
            for (int c = 0; c < channels; c++) {
                f.put(0, 1).put(1, 6).put(0, 1); // verbatim subframe, no wasted bits
                for (int i = 0; i < block; i++) {
                    f.put(Math.round(signal[start + i] * 32767) & 0xFFFF, 16);
                }
            }
            f.alignToByte();
            byte[] body = f.bytes();
            out.writeBytes(body);
            int crc = crc16(body);
            out.write(crc >> 8);
            out.write(crc & 0xFF);
        }
        return out.toByteArray();
    }

    private static int crc8(byte[] data) {
        int crc = 0;
        for (byte d : data) {
            crc ^= d & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80) != 0 ? (crc << 1 ^ 0x07) & 0xFF : crc << 1 & 0xFF;
            }
        }
        return crc;
    }

    private static int crc16(byte[] data) {
        int crc = 0;
        for (byte d : data) {
            crc ^= (d & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1 ^ 0x8005) & 0xFFFF : crc << 1 & 0xFFFF;
            }
        }
        return crc;
    }

    private static final class Bits {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long acc;
        private int n;

        Bits put(long value, int bits) {
            for (int i = bits - 1; i >= 0; i--) {
                acc = acc << 1 | (value >>> i & 1);
                if (++n == 8) {
                    out.write((int) acc);
                    acc = 0;
                    n = 0;
                }
            }
            return this;
        }

        void alignToByte() {
            while (n != 0) {
                put(0, 1);
            }
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
