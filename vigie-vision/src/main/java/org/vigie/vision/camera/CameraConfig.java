package org.vigie.vision.camera;

import java.util.Optional;

/**
 * One camera: where it is, how it is analysed and what its image means. The layout part can be replaced on a
 * running camera; the rest needs a restart of that camera's pipeline.
 *
 * @param heading         degrees clockwise from north the camera looks to, or NaN when unknown
 * @param analysisWidth   width of the frame the pipeline analyses (height keeps the aspect ratio)
 * @param weaponDetector  a model that detects weapons; without one the weapon rule reports itself unavailable
 * @param clip            whether and how much video goes with an event's snapshot
 */
public record CameraConfig(String id, String url, double lat, double lon, double accuracyMeters, double heading,
                           double analysisFps, int analysisWidth, LegalProfile profile, DetectorSettings detector,
                           Optional<DetectorSettings> weaponDetector, RuleSettings rules, CameraLayout layout,
                           ClipSettings clip) {

    /** For files analysed from the command line without a camera file: whole frame, default profile. */
    public static CameraConfig defaults(String id, String url, double lat, double lon, double accuracyMeters) {
        return new CameraConfig(id, url, lat, lon, accuracyMeters, Double.NaN, 5, 640, LegalProfile.FR_2023_828,
                DetectorSettings.hog(), Optional.empty(), RuleSettings.defaults(), CameraLayout.EMPTY, ClipSettings.defaults());
    }

    public CameraConfig withLayout(CameraLayout l) {
        return new CameraConfig(id, url, lat, lon, accuracyMeters, heading, analysisFps, analysisWidth, profile, detector,
                weaponDetector, rules, l, clip);
    }

    public CameraConfig withUrl(String u) {
        return new CameraConfig(id, u, lat, lon, accuracyMeters, heading, analysisFps, analysisWidth, profile, detector,
                weaponDetector, rules, layout, clip);
    }

    public CameraConfig withAnalysisFps(double fps) {
        return new CameraConfig(id, url, lat, lon, accuracyMeters, heading, fps, analysisWidth, profile, detector,
                weaponDetector, rules, layout, clip);
    }

    public CameraConfig withClip(ClipSettings c) {
        return new CameraConfig(id, url, lat, lon, accuracyMeters, heading, analysisFps, analysisWidth, profile, detector,
                weaponDetector, rules, layout, c);
    }

    public CameraConfig withWeaponDetector(Optional<DetectorSettings> w) {
        return new CameraConfig(id, url, lat, lon, accuracyMeters, heading, analysisFps, analysisWidth, profile, detector,
                w, rules, layout, clip);
    }
}
