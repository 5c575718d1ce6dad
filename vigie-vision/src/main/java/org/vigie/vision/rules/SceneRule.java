package org.vigie.vision.rules;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigie.core.model.EventType;
import org.vigie.vision.camera.LegalProfile;

/**
 * One situation watched on one camera. Rules keep their own state between frames; one instance per camera. A rule
 * that keeps OpenCV matrices frees them in {@link #close}.
 */
public interface SceneRule extends AutoCloseable {

    EventType type();

    /** The legal profiles under which this rule may run. */
    Set<LegalProfile> profiles();

    /** Situations present in this frame. */
    List<Finding> observe(SceneFrame frame);

    /** Why the rule cannot run on this camera (e.g. no model configured), or empty when it can. */
    default Optional<String> unavailable() {
        return Optional.empty();
    }

    /**
     * Why the rule, though running, cannot see what it looks for in the current picture (a colour test on a camera
     * that switched to monochrome for the night), or empty when it can. Asked after {@link #observe}; an operator
     * and the camera's health must know that silence from this rule means nothing for now.
     */
    default Optional<String> blind() {
        return Optional.empty();
    }

    @Override
    default void close() {
    }

    /** Every rule of decree 2023-828 is allowed by its profile; those about things also by "things-only". */
    Set<LegalProfile> DECREE = Set.of(LegalProfile.FR_2023_828);
    Set<LegalProfile> THINGS = Set.of(LegalProfile.FR_2023_828, LegalProfile.THINGS_ONLY);
}
