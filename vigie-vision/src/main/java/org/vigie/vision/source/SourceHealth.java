package org.vigie.vision.source;

import java.time.Instant;

/**
 * How a source is doing, for the console and the metrics.
 *
 * @param decodedFrames  frames decoded (analysed or not)
 * @param analysedFrames frames handed to analysis
 * @param decodeErrors   packets or frames that could not be decoded and were skipped
 * @param reconnects     times the stream was lost and opened again
 * @param lastFrameAt    capture time of the last analysed frame, null before the first
 */
public record SourceHealth(long decodedFrames, long analysedFrames, long decodeErrors, long reconnects,
                           Instant lastFrameAt, boolean connected, String lastError) {}
