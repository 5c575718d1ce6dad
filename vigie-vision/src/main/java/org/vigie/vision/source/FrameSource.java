package org.vigie.vision.source;

import java.util.Optional;

/** Frames to analyse, already thinned to the analysis rate. Not thread-safe: one camera, one reader. */
public interface FrameSource extends AutoCloseable {

    /** The next frame to analyse, or empty when the file ended or a live stream could not be recovered. */
    Optional<VideoFrame> next();

    SourceHealth health();

    @Override
    void close();
}
