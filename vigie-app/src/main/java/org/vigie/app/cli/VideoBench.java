package org.vigie.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.bytedeco.opencv.global.opencv_core;
import org.vigie.core.json.Json;
import org.vigie.vision.camera.CameraConfig;
import org.vigie.vision.detect.Detector;
import org.vigie.vision.detect.Detectors;
import org.vigie.vision.pipeline.CameraPipeline;
import org.vigie.vision.source.FfmpegFrameSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vigie bench video FILE}: the cost of analysis relative to decoding, in one run. After a warm-up (the file
 * through a throw-away pipeline until the JIT has compiled decoder and pipeline), a decode-only pass (the same source
 * settings: non-reference frames skipped, frames due for analysis converted), then the full pipeline.
 * {@code ratio = pipeline_fps / decode_fps}; 1 means analysis is free next to decoding.
 */
@Command(name = "video", mixinStandardHelpOptions = true,
        description = "Decode-only pass then full pipeline on one file; prints {decode_fps, pipeline_fps, ratio} as JSON.")
public final class VideoBench implements Callable<Integer> {
    private static final int MAX_WARMUP_READS = 20;

    @Parameters(index = "0", paramLabel = "FILE", description = "A video file (e.g. 1280x720 H.264 street scene).")
    Path file;

    @Option(names = "--camera", paramLabel = "FILE.yaml", description = "Camera file; default: HOG, whole frame, defaults.")
    Path cameraFile;

    @Option(names = "--warmup-frames", defaultValue = "300", paramLabel = "N",
            description = "Analysed frames run through a throw-away pipeline before timing (default: ${DEFAULT-VALUE}; "
                    + "the file is read again as needed, at most 20 times).")
    int warmupFrames;

    @Override
    public Integer call() throws Exception {
        CameraConfig cam = VideoCommand.camera(cameraFile, file.toString());
        var settings = FfmpegFrameSource.Settings.defaults().withAnalysisFps(cam.analysisFps());
        // One core for everything, as the decoder already is (threads=1): the figures are per core, and a server
        // scales by running one camera per core, not one frame on many.
        opencv_core.setNumThreads(1);
        // Warm-up, as any benchmark of JIT-compiled code needs: the native libraries load, the decoder and the
        // pipeline run until the JIT has compiled them, so that neither timed pass is charged for it. A camera runs
        // for days, and the compiled code is shared by every camera of the process.
        long warmed = warmUp(cam, settings);
        long decoded;
        double streamFps;
        // Thread CPU time too: everything runs on this thread, and it is not skewed by other load on the machine.
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        System.err.println("decode pass…");
        long c0 = cpu.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        try (var s = FfmpegFrameSource.open(file.toString(), settings)) {
            streamFps = s.streamFps();
            while (s.next().isPresent()) {
                // decode only
            }
            decoded = s.health().decodedFrames();
        }
        double decodeSeconds = (System.nanoTime() - t0) / 1e9;
        double decodeCpu = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long piped;
        long analysed;
        long peakHeap = heapBefore;
        double pipelineSeconds;
        double pipelineCpu;
        System.err.println("pipeline pass…");
        // The camera's detector and pipeline are made before the clock starts, as the decode pass has no such thing to
        // make: starting a camera is not per frame.
        try (Detector d = Detectors.forCamera(cam);
             var p = new CameraPipeline(cam, d, Optional.empty(), Optional.empty(), InstantSource.system())) {
            long c1 = cpu.getCurrentThreadCpuTime();
            long t1 = System.nanoTime();
            try (var s = FfmpegFrameSource.open(file.toString(), settings)) {
                for (var f = s.next(); f.isPresent(); f = s.next()) {
                    p.process(f.get());
                    if (p.frames() % 50 == 0) {
                        peakHeap = Math.max(peakHeap, rt.totalMemory() - rt.freeMemory());
                    }
                }
                piped = s.health().decodedFrames();
                analysed = s.health().analysedFrames();
            }
            pipelineSeconds = (System.nanoTime() - t1) / 1e9;
            pipelineCpu = (cpu.getCurrentThreadCpuTime() - c1) / 1e9;
        }
        double decodeFps = decoded / decodeSeconds;
        double pipelineFps = piped / pipelineSeconds;
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("decode_fps", Math.round(decodeFps * 10) / 10.0);
        out.put("pipeline_fps", Math.round(pipelineFps * 10) / 10.0);
        out.put("ratio", Math.round(pipelineFps / decodeFps * 1000) / 1000.0);
        out.put("decode_cpu_fps", Math.round(decoded / decodeCpu * 10) / 10.0);
        out.put("pipeline_cpu_fps", Math.round(piped / pipelineCpu * 10) / 10.0);
        out.put("ratio_cpu", Math.round(decodeCpu / pipelineCpu * 1000) / 1000.0);
        out.put("frames", decoded);
        out.put("analysed_frames", analysed);
        if (!Double.isNaN(streamFps)) {
            out.put("stream_fps", streamFps);
            // real-time streams like this one that one core could decode and analyse (CPU time: what a core can do)
            out.put("realtime_streams_per_core", Math.round(piped / pipelineCpu / streamFps * 10) / 10.0);
        }
        out.put("warmup_analysed_frames", warmed);
        out.put("java_heap_growth_mb", Math.round((peakHeap - heapBefore) / 1e5) / 10.0);
        System.out.println(out.toString());
        return 0;
    }

    /**
     * Runs the file through a pipeline of its own until {@link #warmupFrames} frames were analysed (reading the file
     * again as needed, at most {@link #MAX_WARMUP_READS} times).
     *
     * @return the frames analysed
     */
    private long warmUp(CameraConfig cam, FfmpegFrameSource.Settings settings) throws Exception {
        System.err.println("warming up…");
        long analysed = 0;
        for (int read = 0; read < MAX_WARMUP_READS && analysed < warmupFrames; read++) {
            long before = analysed;
            try (var s = FfmpegFrameSource.open(file.toString(), settings);
                 Detector d = Detectors.forCamera(cam);
                 var p = new CameraPipeline(cam, d, Optional.empty(), Optional.empty(), InstantSource.system())) {
                for (var f = s.next(); f.isPresent() && analysed < warmupFrames; f = s.next()) {
                    p.process(f.get());
                    analysed++;
                }
            }
            if (analysed == before) {
                break; // nothing to analyse in this file: reading it again would not change that
            }
        }
        return analysed;
    }
}
