package org.vigie.vision.detect;

import org.vigie.vision.geom.Box;

/** Something a detector found: a class name ("person", "car", "knife"...), never who or which one. */
public record Detection(Box box, String label, double score) {}
