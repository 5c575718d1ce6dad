package org.vigie.audio.detect;

/** Turns the features of one impulse into a class. Implementations must be safe to share between sensors. */
public interface ImpulseClassifier {
    Classification classify(ImpulseFeatures features);

    /** A short name for attributes and reports ("rules", "model:FILE"). */
    String name();
}
