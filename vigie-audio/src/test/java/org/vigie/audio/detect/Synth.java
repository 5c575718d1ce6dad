package org.vigie.audio.detect;

import java.util.Random;

/** Synthetic street sounds built from their physics, for tests that must not depend on recordings. */
public final class Synth {
    private Synth() {
    }

    /** Pink-ish background: white noise through a one-pole low-pass, at an RMS level in dBFS. */
    public static float[] street(int rate, double seconds, double rmsDbfs, long seed) {
        Random r = new Random(seed);
        float[] x = new float[(int) (rate * seconds)];
        double y = 0;
        double sum = 0;
        double a = Math.exp(-2 * Math.PI * 300.0 / rate); // most street noise is below a few hundred Hz
        for (int i = 0; i < x.length; i++) {
            y = a * y + (1 - a) * r.nextGaussian();
            x[i] = (float) y;
            sum += y * y;
        }
        double scale = Math.pow(10, rmsDbfs / 20) / Math.sqrt(sum / x.length);
        for (int i = 0; i < x.length; i++) {
            x[i] *= (float) scale;
        }
        return x;
    }

    /**
     * A muzzle blast: an N-wave of about 1 ms, then noise (mostly under 2 kHz) decaying with a 40 ms time
     * constant (the reverberant tail), added at sample {@code at}.
     */
    public static void gunshot(float[] x, int rate, int at, double peak, long seed) {
        Random r = new Random(seed);
        int nWave = Math.max(4, rate / 1000);
        for (int i = 0; i < nWave && at + i < x.length; i++) {
            x[at + i] += (float) (peak * (1 - 2.0 * i / nWave));
        }
        double tau = 0.04 * rate;
        double a = Math.exp(-2 * Math.PI * 2000.0 / rate);
        double y = 0;
        for (int i = nWave; i < rate / 2 && at + i < x.length; i++) {
            y = a * y + (1 - a) * r.nextGaussian();
            x[at + i] += (float) (1.5 * peak * Math.exp(-(i - nWave) / tau) * y);
        }
    }

    /** A blast heavy in low frequencies (under 200 Hz) that rumbles for about a second. */
    public static void explosion(float[] x, int rate, int at, double peak, long seed) {
        Random r = new Random(seed);
        double y = 0;
        double tau = 0.35 * rate;
        double a = Math.exp(-2 * Math.PI * 120.0 / rate);
        for (int i = 0; i < 2 * rate && at + i < x.length; i++) {
            y = a * y + (1 - a) * r.nextGaussian();
            double env = Math.min(1, i / (0.002 * rate)) * Math.exp(-i / tau);
            x[at + i] += (float) (peak * 8 * env * y);
        }
    }

    /** Breaking glass: a sharp click, then damped high partials (3 to 9 kHz) that ring for a few hundred ms. */
    public static void glass(float[] x, int rate, int at, double peak, long seed) {
        Random r = new Random(seed);
        double[] hz = {3170, 4410, 5230, 6650, 7900, 8830};
        for (int i = 0; i < rate / 2 && at + i < x.length; i++) {
            double t = i / (double) rate;
            double s = 0.3 * r.nextGaussian() * Math.exp(-t / 0.004);
            for (int k = 0; k < hz.length; k++) {
                s += Math.sin(2 * Math.PI * hz[k] * t + k) * Math.exp(-t / (0.08 + 0.02 * k)) / hz.length * 2;
            }
            x[at + i] += (float) (peak * s);
        }
    }

    /** A wailing siren sweeping 650 to 1500 Hz every 2 s, with two harmonics, from {@code from} to the end. */
    public static void siren(float[] x, int rate, int from, double amplitude) {
        double phase = 0;
        for (int i = from; i < x.length; i++) {
            double t = (i - from) / (double) rate;
            double f = 1075 + 425 * Math.sin(2 * Math.PI * t / 2.0);
            phase += 2 * Math.PI * f / rate;
            x[i] += (float) (amplitude * (Math.sin(phase) + 0.3 * Math.sin(2 * phase) + 0.1 * Math.sin(3 * phase)));
        }
    }
}
