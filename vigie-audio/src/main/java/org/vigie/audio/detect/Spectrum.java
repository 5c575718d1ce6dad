package org.vigie.audio.detect;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * Windowed power spectrum of one frame. Frames last about 23 ms at every sample rate (512 samples at 22.05 kHz,
 * 1024 at 44.1 and 48 kHz), so features computed at different rates describe the same thing. Not thread-safe:
 * one per detector.
 */
public final class Spectrum {
    private final int size;
    private final int sampleRate;
    private final float[] window;
    private final float[] buffer;
    private final FloatFFT_1D fft;

    public Spectrum(int sampleRate) {
        this.sampleRate = sampleRate;
        this.size = frameSize(sampleRate);
        this.window = new float[size];
        for (int i = 0; i < size; i++) {
            window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / size));
        }
        this.buffer = new float[size];
        this.fft = new FloatFFT_1D(size);
    }

    /** The power of two nearest to 23 ms of audio. */
    public static int frameSize(int sampleRate) {
        int n = Integer.highestOneBit(Math.max(64, (int) (sampleRate * 0.0232)));
        return sampleRate * 0.0232 / n > 1.5 ? n * 2 : n;
    }

    public int size() {
        return size;
    }

    public int bins() {
        return size / 2 + 1;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public double binHz(int bin) {
        return bin * (double) sampleRate / size;
    }

    /**
     * Power of bins 0..size/2 of {@code src[from, from + size)}; samples outside {@code src} count as silence.
     */
    public void power(float[] src, int from, float[] out) {
        for (int i = 0; i < size; i++) {
            int j = from + i;
            buffer[i] = j >= 0 && j < src.length ? src[j] * window[i] : 0f;
        }
        fft.realForward(buffer);
        out[0] = buffer[0] * buffer[0];
        out[size / 2] = buffer[1] * buffer[1];
        for (int k = 1; k < size / 2; k++) {
            float re = buffer[2 * k];
            float im = buffer[2 * k + 1];
            out[k] = re * re + im * im;
        }
    }
}
