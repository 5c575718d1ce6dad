package org.vigie.vision.pipeline;

import java.time.Instant;
import java.util.Map;

/**
 * @param lastFrameAt      capture time of the last analysed frame (null before the first)
 * @param analysedFps      analysed frames per second, smoothed
 * @param decodeErrors     undecodable packets or frames skipped since start
 * @param unavailableRules rules that cannot run on this camera, with the reason
 */
public record CameraHealth(String cameraId, boolean connected, Instant lastFrameAt, double analysedFps, long decodedFrames,
                           long decodeErrors, long reconnects, String lastError, Map<String, String> unavailableRules) {}
