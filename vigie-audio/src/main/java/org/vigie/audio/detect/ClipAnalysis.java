package org.vigie.audio.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vigie.audio.read.AudioClip;

/** A whole clip run through a detector: its impulses, their features, and whether a siren was heard. */
public record ClipAnalysis(List<Impulse> impulses, List<ImpulseFeatures> features, double sirenScore) {
    /** A siren score this high over three seconds: a siren was heard. */
    public static final double SIREN_PRESENT = 0.5;

    public static ClipAnalysis of(AudioClip clip, ImpulseDetector.Settings settings) {
        var detector = new ImpulseDetector(clip.sampleRate(), settings);
        var impulses = new ArrayList<>(detector.accept(clip.samples()));
        impulses.addAll(detector.finish());
        var spectrum = new Spectrum(clip.sampleRate());
        var mel = new MelBands(spectrum);
        var features = impulses.stream().map(i -> ImpulseFeatures.of(i, spectrum, mel)).toList();
        return new ClipAnalysis(List.copyOf(impulses), features, detector.maxSirenScore());
    }

    /**
     * The strongest candidate onset of a clip, found with loose thresholds; for training on clips where the
     * detector's own thresholds find nothing (a siren, an engine), so that the model also learns those.
     */
    public static Optional<ImpulseFeatures> strongestCandidate(AudioClip clip) {
        var loose = new ImpulseDetector.Settings(3, 3, 0, 0.5, 0.5, 0.25, 0.75);
        ClipAnalysis a = of(clip, loose);
        int best = -1;
        for (int i = 0; i < a.features.size(); i++) {
            if (best < 0 || a.features.get(i).get(ImpulseFeatures.SNR_DB) > a.features.get(best).get(ImpulseFeatures.SNR_DB)) {
                best = i;
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(a.features.get(best));
    }

    /**
     * What the clip would raise: the most confident alert class among its impulses; else siren if one was heard
     * (or an impulse was classified as siren); else other.
     */
    public ImpulseClass verdict(ImpulseClassifier classifier) {
        ImpulseClass best = null;
        double bestConfidence = -1;
        boolean siren = sirenScore >= SIREN_PRESENT;
        for (ImpulseFeatures f : features) {
            Classification c = classifier.classify(f);
            if (c.impulseClass().findEventType().isPresent() && c.confidence() > bestConfidence) {
                best = c.impulseClass();
                bestConfidence = c.confidence();
            }
            siren |= c.impulseClass() == ImpulseClass.SIREN;
        }
        return best != null ? best : siren ? ImpulseClass.SIREN : ImpulseClass.OTHER;
    }
}
