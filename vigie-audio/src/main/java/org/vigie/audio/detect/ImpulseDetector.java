package org.vigie.audio.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds impulsive onsets in one continuous stream of mono samples: a frame whose energy jumps well above an
 * adaptive noise floor while the spectrum rises broadly (positive spectral flux over a running threshold).
 * Each onset is handed out once the segment after it has arrived, with the samples around it; everything else
 * is overwritten in a ring of a few seconds, so no continuous audio outlives its analysis.
 *
 * <p>Per frame it also keeps a siren score (a strong, sweeping tone between 400 and 2500 Hz): sirens are context
 * for the events, never events. Not thread-safe: one detector per sensor stream.
 */
public final class ImpulseDetector {

    /**
     * @param riseDb        frame energy above the noise floor needed for an onset
     * @param jumpDb        rise of frame energy over the frame two hops earlier (about 23 ms)
     * @param fluxK         flux threshold in running deviations above the running mean
     * @param minFluxDb     flux threshold floor: mean rise per band, dB
     * @param refractorySeconds no second onset this soon after one (echoes, the tail of the same shot)
     * @param preSeconds    audio kept before an onset
     * @param postSeconds   audio kept after an onset; decay times are measured within it
     */
    public record Settings(double riseDb, double jumpDb, double fluxK, double minFluxDb, double refractorySeconds,
                           double preSeconds, double postSeconds) {
        public Settings {
            if (preSeconds < 0.02 || postSeconds < 0.1 || preSeconds + postSeconds > 2.0) {
                throw new IllegalArgumentException("kept segment must have 0.02 s before, 0.1 s after, 2 s in all; got "
                        + preSeconds + " + " + postSeconds);
            }
        }

        public static Settings defaults() {
            return new Settings(12, 8, 2.5, 2.0, 0.2, 0.25, 0.75);
        }

        public double segmentSeconds() {
            return preSeconds + postSeconds;
        }
    }

    private static final double EPS = 1e-10;
    private static final double SIREN_WINDOW_SECONDS = 3.0;
    private static final double RATE_WINDOW_SECONDS = 4.0;

    private final Settings settings;
    private final int sampleRate;
    private final Spectrum spectrum;
    private final MelBands bands;
    private final int n;
    private final int hop;
    private final float[] ring;
    private final int mask;
    private final float[] frame;
    private final float[] power;
    private final double[] bandPower = new double[MelBands.COUNT];
    private final double[] logBands = new double[MelBands.COUNT];
    private final double[] energyHistory = new double[3];
    private final int pre;
    private final int post;
    private final int refractory;
    private final int sirenLow;
    private final int sirenHigh;
    private final boolean[] sirenTonal;
    private final double[] sirenHz;
    private final ArrayDeque<Long> recentOnsets = new ArrayDeque<>();
    private final ArrayDeque<Long> pending = new ArrayDeque<>();
    private final ArrayDeque<Double> pendingFloor = new ArrayDeque<>();

    private long written;
    private long nextFrameEnd;
    private long frames;
    private double floorDb;
    private double fluxMean;
    private double fluxDev;
    private long lastOnset;
    private int sirenCount;
    private double sirenSum;
    private double sirenSumSq;
    private double maxSirenScore;

    public ImpulseDetector(int sampleRate) {
        this(sampleRate, Settings.defaults());
    }

    public ImpulseDetector(int sampleRate, Settings settings) {
        this.settings = settings;
        this.sampleRate = sampleRate;
        this.spectrum = new Spectrum(sampleRate);
        this.bands = new MelBands(spectrum);
        this.n = spectrum.size();
        this.hop = n / 2;
        this.pre = (int) Math.round(settings.preSeconds() * sampleRate);
        this.post = (int) Math.round(settings.postSeconds() * sampleRate);
        this.refractory = (int) Math.round(settings.refractorySeconds() * sampleRate);
        int capacity = Integer.highestOneBit((pre + post + 4 * n) * 2);
        this.ring = new float[capacity];
        this.mask = capacity - 1;
        this.frame = new float[n];
        this.power = new float[n / 2 + 1];
        this.sirenLow = (int) Math.ceil(400.0 * n / sampleRate);
        this.sirenHigh = (int) Math.min(n / 2 - 1, Math.floor(2500.0 * n / sampleRate));
        int window = (int) Math.round(SIREN_WINDOW_SECONDS * sampleRate / hop);
        this.sirenTonal = new boolean[window];
        this.sirenHz = new double[window];
        reset();
    }

    /** Forgets the stream: after a gap, samples before and after it are not one signal. */
    public void reset() {
        written = 0;
        nextFrameEnd = n;
        frames = 0;
        floorDb = Double.NaN;
        fluxMean = 0;
        fluxDev = 1;
        lastOnset = Long.MIN_VALUE / 2;
        java.util.Arrays.fill(sirenTonal, false);
        sirenCount = 0;
        sirenSum = 0;
        sirenSumSq = 0;
        maxSirenScore = 0;
        recentOnsets.clear();
        pending.clear();
        pendingFloor.clear();
    }

    public int sampleRate() {
        return sampleRate;
    }

    /** Samples accepted since the last reset. */
    public long samplesSeen() {
        return written;
    }

    /** Highest siren score since the last reset. */
    public double maxSirenScore() {
        return maxSirenScore;
    }

    public List<Impulse> accept(float[] samples) {
        return accept(samples, 0, samples.length);
    }

    /** Adds samples; returns the onsets whose following segment is now complete. */
    public List<Impulse> accept(float[] samples, int off, int len) {
        List<Impulse> out = null;
        int i = off;
        int end = off + len;
        while (i < end) {
            // At most up to the next frame end: frames and finished onsets are handled as soon as they can be, so
            // the ring (twice the kept segment) never overwrites a sample still needed.
            int chunk = (int) Math.min(end - i, nextFrameEnd - written);
            for (int k = 0; k < chunk; k++) {
                ring[(int) (written + k) & mask] = samples[i + k];
            }
            written += chunk;
            i += chunk;
            while (written >= nextFrameEnd) {
                analyseFrame(nextFrameEnd - n);
                nextFrameEnd += hop;
            }
            while (!pending.isEmpty() && written >= pending.peekFirst() + post) {
                out = out == null ? new ArrayList<>() : out;
                out.add(cut(pending.pollFirst(), pendingFloor.pollFirst(), post));
            }
        }
        return out == null ? List.of() : out;
    }

    /** The end of the stream: onsets still waiting are handed out with what followed them. */
    public List<Impulse> finish() {
        List<Impulse> out = new ArrayList<>();
        while (!pending.isEmpty()) {
            long onset = pending.pollFirst();
            out.add(cut(onset, pendingFloor.pollFirst(), (int) (written - onset)));
        }
        return out;
    }

    private Impulse cut(long onset, double floor, int after) {
        long from = Math.max(0, Math.max(onset - pre, written - ring.length));
        int length = (int) (onset + after - from);
        float[] segment = new float[length];
        for (int k = 0; k < length; k++) {
            segment[k] = ring[(int) (from + k) & mask];
        }
        long windowStart = onset - (long) (RATE_WINDOW_SECONDS * sampleRate);
        long recent = recentOnsets.stream().filter(o -> o > windowStart && o <= onset).count();
        return new Impulse(onset, segment, (int) (onset - from), sampleRate, floor, sirenScore(),
                recent / RATE_WINDOW_SECONDS);
    }

    private void analyseFrame(long start) {
        for (int k = 0; k < n; k++) {
            frame[k] = ring[(int) (start + k) & mask];
        }
        spectrum.power(frame, 0, power);
        double total = bands.energies(power, bandPower);
        double energyDb = 10 * Math.log10(total + EPS);
        double flux = 0;
        for (int b = 0; b < MelBands.COUNT; b++) {
            double l = 10 * Math.log10(bandPower[b] + EPS);
            if (frames > 0 && l > logBands[b]) {
                flux += l - logBands[b];
            }
            logBands[b] = l;
        }
        flux /= MelBands.COUNT;
        if (Double.isNaN(floorDb)) {
            floorDb = energyDb;
        }
        double twoBack = frames >= 2 ? energyHistory[(int) ((frames - 2) % 3)] : energyDb;
        double fluxThreshold = Math.max(settings.minFluxDb(), fluxMean + settings.fluxK() * fluxDev);
        if (frames >= 2 && energyDb - floorDb >= settings.riseDb() && energyDb - twoBack >= settings.jumpDb()
                && flux >= fluxThreshold) {
            long onset = locateOnset(start);
            if (onset - lastOnset >= refractory) {
                lastOnset = onset;
                pending.addLast(onset);
                pendingFloor.addLast(floorDb);
                recentOnsets.addLast(onset);
                while (recentOnsets.size() > 64
                        || recentOnsets.peekFirst() < onset - (long) (RATE_WINDOW_SECONDS * sampleRate)) {
                    recentOnsets.pollFirst();
                }
            }
        }
        energyHistory[(int) (frames % 3)] = energyDb;
        // The floor follows quiet frames quickly and loud ones slowly (about 4 s), so a shot does not raise it
        // but a street that gets busier does.
        double rate = energyDb < floorDb ? 0.2 : hop / (sampleRate * 4.0);
        floorDb += rate * (energyDb - floorDb);
        double d = flux - fluxMean;
        fluxMean += 0.02 * d;
        fluxDev += 0.02 * (Math.abs(d) - fluxDev);
        trackSiren(energyDb);
        frames++;
    }

    /** The first sample of the frame region that reaches a fifth of its peak: where the sound front arrived. */
    private long locateOnset(long frameStart) {
        long from = Math.max(Math.max(0, written - ring.length), frameStart - hop);
        long to = frameStart + n;
        float peak = 0;
        for (long k = from; k < to; k++) {
            peak = Math.max(peak, Math.abs(ring[(int) k & mask]));
        }
        float threshold = peak * 0.2f;
        for (long k = from; k < to; k++) {
            if (Math.abs(ring[(int) k & mask]) >= threshold) {
                return k;
            }
        }
        return frameStart;
    }

    private void trackSiren(double energyDb) {
        int slot = (int) (frames % sirenTonal.length);
        if (sirenTonal[slot]) {
            sirenCount--;
            sirenSum -= sirenHz[slot];
            sirenSumSq -= sirenHz[slot] * sirenHz[slot];
        }
        int best = sirenLow;
        double sum = 0;
        for (int k = sirenLow; k <= sirenHigh; k++) {
            sum += power[k];
            if (power[k] > power[best]) {
                best = k;
            }
        }
        double mean = sum / (sirenHigh - sirenLow + 1);
        // Not tested against the noise floor: a siren lasts long enough to raise the floor to its own level.
        boolean tonal = power[best] > 20 * mean && energyDb > -60;
        sirenTonal[slot] = tonal;
        if (tonal) {
            double hz = spectrum.binHz(best);
            sirenHz[slot] = hz;
            sirenCount++;
            sirenSum += hz;
            sirenSumSq += hz * hz;
        }
        maxSirenScore = Math.max(maxSirenScore, sirenScore());
    }

    /** Share of recent frames with a strong tone in the siren band, discounted when its pitch does not move as a siren's. */
    public double sirenScore() {
        if (sirenCount < 2) {
            return 0;
        }
        double fraction = sirenCount / (double) Math.min(sirenTonal.length, Math.max(1, frames));
        double meanHz = sirenSum / sirenCount;
        double spread = Math.sqrt(Math.max(0, sirenSumSq / sirenCount - meanHz * meanHz));
        // Sirens sweep (wail, yelp) or alternate (two-tone): their pitch spreads over 60 to 450 Hz. A horn holds one
        // pitch; music wanders further.
        return Math.min(1, fraction) * (spread >= 60 && spread <= 450 ? 1 : 0.3);
    }
}
