package org.vigie.audio.read;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** 16-bit mono PCM WAV, the format of audio evidence: every player opens it. */
public final class WavWriter {
    private WavWriter() {
    }

    public static byte[] pcm16(float[] samples, int from, int to, int sampleRate) {
        int n = Math.max(0, to - from);
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + 2 * n).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16);
        b.putInt(0x61746164).putInt(2 * n);
        for (int i = from; i < to; i++) {
            float s = Math.max(-1f, Math.min(1f, samples[i]));
            b.putShort((short) Math.round(s * 32767f));
        }
        return b.array();
    }
}
