package org.vigie.vision.pipeline;

import java.time.Instant;
import java.util.Map;

/**
 * @param lastFrameAt      capture time of the last analysed frame (null before the first)
 * @param analysedFps      analysed frames per second, smoothed
 * @param decodeErrors     undecodable packets or frames skipped since start
 * @param unavailableRules rules that cannot run on this camera, or cannot see in its current picture, with the reason
 * @param blindRules       how many of those run but cannot see in the current picture (a covered lens, infrared)
 * @param sceneChanges     times the picture changed as a whole since the start (moved, covered, infrared, lights)
 * @param detectorLearned  what the person detector has learned of the scene (HOG: person heights per row), or null
 */
public record CameraHealth(String cameraId, boolean connected, Instant lastFrameAt, double analysedFps, long decodedFrames,
                           long decodeErrors, long reconnects, String lastError, Map<String, String> unavailableRules,
                           int blindRules, long sceneChanges, String detectorLearned) {}
