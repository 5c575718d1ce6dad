package org.vigie.vision.camera;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The legal frame a camera runs under; each scene rule names the profiles that allow it, and a rule that is not
 * allowed is not even instantiated.
 */
public enum LegalProfile {
    /** French decree 2023-828: its eight situations, plus situations about things (graffiti, street furniture). */
    FR_2023_828("fr-2023-828"),
    /** Things only: fire, graffiti, street furniture; nothing that looks at people beyond blurring them. */
    THINGS_ONLY("things-only"),
    /** Anonymous counting only, for places where no alerting is authorised. */
    COUNTING_ONLY("counting-only");

    private final String yamlName;

    LegalProfile(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static Optional<LegalProfile> fromYaml(String s) {
        return Arrays.stream(values()).filter(p -> p.yamlName.equals(s)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(LegalProfile::yamlName).toList();
    }
}
