package org.vigie.app.sim;

import java.time.Duration;
import org.vigie.core.model.SourceKind;

/**
 * How a kind of source reports: how sure it is, how precisely it places what it saw, how long after the
 * start of the situation its report is dated, and the channel it comes through. Ids name equipment or
 * channels, never a person; cameras and acoustic sensors use their own sim ids instead.
 */
record SourceProfile(double minConfidence, double maxConfidence, double minAccuracyMeters, double maxAccuracyMeters,
        Duration minDelay, Duration maxDelay, String channel) {

    static SourceProfile of(SourceKind kind) {
        return switch (kind) {
            // A citizen places the situation by the address they are at or guess, tens of metres off.
            case CITIZEN -> new SourceProfile(0.4, 0.7, 20, 150, minutes(1), minutes(20), "sim-open311");
            // A rule on a detector fires after its dwell time; the position is the object's footprint.
            case CAMERA -> new SourceProfile(0.5, 0.9, 8, 12, seconds(2), seconds(30), "sim-camera");
            case ACOUSTIC_SENSOR -> new SourceProfile(0.6, 0.9, 15, 40, seconds(0), seconds(4), "sim-acoustic");
            // The intervention record is published once the crew is dispatched to a street address.
            case FIRE_BRIGADE -> new SourceProfile(0.9, 1.0, 10, 30, minutes(3), minutes(12), "sim-bmpm");
            case POLICE -> new SourceProfile(0.8, 0.95, 15, 50, minutes(4), minutes(20), "sim-police");
            case HOSPITAL -> new SourceProfile(0.85, 1.0, 20, 80, minutes(8), minutes(30), "sim-hospital");
            case TRANSIT -> new SourceProfile(0.8, 0.95, 30, 100, minutes(1), minutes(5), "sim-rtm");
            // Presence counts come by zone (an H3 cell of a few hundred metres) and hourly slot, once the slot closes.
            case TELECOM -> new SourceProfile(0.5, 0.8, 250, 600, minutes(20), minutes(75), "sim-telecom");
            // Posts are counted per cell in 15-minute windows; a burst is known once its window closes.
            case SOCIAL -> new SourceProfile(0.3, 0.6, 200, 500, minutes(5), minutes(30), "sim-social");
            default -> throw new IllegalArgumentException("the simulator has no " + kind.jsonName() + " source");
        };
    }

    private static Duration minutes(long n) {
        return Duration.ofMinutes(n);
    }

    private static Duration seconds(long n) {
        return Duration.ofSeconds(n);
    }
}
