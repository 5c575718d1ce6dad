package org.vigie.vision.pipeline;

import java.time.Instant;

/**
 * One point of an anonymous count time series: per minute, per counting zone or line, per class of object.
 *
 * @param place   zone or line name
 * @param measure "entries" and "peak" for zones; "crossings_left_to_right" / "crossings_right_to_left" for lines
 * @param objects "person" or "vehicle"
 */
public record CountSample(String camera, Instant minute, String place, String measure, String objects, long value) {}
