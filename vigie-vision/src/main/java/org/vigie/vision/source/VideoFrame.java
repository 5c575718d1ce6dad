package org.vigie.vision.source;

import java.time.Instant;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One decoded frame chosen for analysis, at full resolution (BGR). The pixels belong to the source and are
 * valid until the next call to {@link FrameSource#next()}: whoever keeps them clones them. These are raw pixels:
 * they never leave the pipeline unblurred.
 *
 * @param index         number of the frame in the stream (counting every decoded frame, analysed or not)
 * @param offsetSeconds seconds since the start of the file, or since the source was opened for a live stream
 */
public record VideoFrame(long index, double offsetSeconds, Instant capturedAt, Mat image) {}
