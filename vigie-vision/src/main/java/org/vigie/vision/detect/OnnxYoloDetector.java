package org.vigie.vision.detect;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.vigie.vision.geom.Box;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

/**
 * A YOLO-style detector in ONNX format run with ONNX Runtime on the CPU. The model comes from a configured path
 * (never downloaded). The crop around all motion regions is letterboxed into the square input, so the model
 * spends its resolution where something moves.
 */
public final class OnnxYoloDetector implements Detector {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String inputName;
    private final int input;
    private final List<String> classes;
    private final YoloDecoder decoder;
    private final float[] pixels;
    /** Reused from frame to frame: native memory outside the heap, freed in {@link #close}. */
    private final Mat canvas;
    private final Mat scaled = new Mat();
    private final OrtSession.SessionOptions options;
    private boolean closed;

    public OnnxYoloDetector(Path model, int inputSize, List<String> classes, double score, double nms) {
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("ONNX model not found: " + model);
        }
        options = new OrtSession.SessionOptions();
        OrtSession s = null;
        try {
            options.setIntraOpNumThreads(1); // cameras scale by cores, not by threads per frame
            s = env.createSession(model.toString(), options);
            inputName = s.getInputNames().iterator().next();
        } catch (OrtException | RuntimeException e) {
            closeQuietly(s);
            options.close();
            throw new IllegalArgumentException("cannot load ONNX model " + model + ": " + e.getMessage(), e);
        }
        session = s;
        this.input = inputSize;
        this.classes = List.copyOf(classes);
        this.decoder = new YoloDecoder(classes, score, nms);
        this.pixels = new float[3 * inputSize * inputSize];
        this.canvas = new Mat(inputSize, inputSize, CV_8UC3);
    }

    @Override
    public List<Detection> detect(Mat bgr, List<Box> regions) {
        if (closed) {
            throw new IllegalStateException("ONNX detector used after close");
        }
        if (regions.isEmpty()) {
            return List.of();
        }
        Box crop = regions.get(0);
        for (Box r : regions) {
            crop = crop.union(r);
        }
        crop = crop.grow(0.15).clip(bgr.cols(), bgr.rows());
        if (crop.w() < 4 || crop.h() < 4) {
            return List.of();
        }
        var lb = YoloDecoder.Letterbox.fit((int) crop.x(), (int) crop.y(), (int) crop.w(), (int) crop.h(), input);
        try (Rect r = new Rect((int) crop.x(), (int) crop.y(), (int) crop.w(), (int) crop.h());
             Mat roi = new Mat(bgr, r);
             Scalar grey = new Scalar(114, 114, 114, 0)) {
            canvas.put(grey);
            int w = (int) Math.round(crop.w() * lb.scale());
            int h = (int) Math.round(crop.h() * lb.scale());
            opencv_imgproc.resize(roi, scaled, new Size(Math.max(1, w), Math.max(1, h)));
            try (Rect at = new Rect((int) lb.padX(), (int) lb.padY(), scaled.cols(), scaled.rows());
                 Mat dst = new Mat(canvas, at)) {
                scaled.copyTo(dst);
            }
            toChw(canvas);
            try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[] {1, 3, input, input});
                 OrtSession.Result res = session.run(Map.of(inputName, t))) {
                OnnxTensor out = (OnnxTensor) res.get(0);
                long[] shape = out.getInfo().getShape();
                FloatBuffer fb = out.getFloatBuffer();
                float[] data = new float[fb.remaining()];
                fb.get(data);
                return decoder.decode(data, (int) shape[shape.length - 2], (int) shape[shape.length - 1], lb);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX inference failed: " + e.getMessage(), e);
        }
    }

    /** BGR bytes to RGB planes in [0, 1], the layout YOLO exports expect. */
    private void toChw(Mat canvas) {
        int plane = input * input;
        try (UByteIndexer idx = canvas.createIndexer()) {
            for (int y = 0; y < input; y++) {
                for (int x = 0; x < input; x++) {
                    int p = y * input + x;
                    pixels[p] = idx.get(y, x, 2) / 255f;
                    pixels[plane + p] = idx.get(y, x, 1) / 255f;
                    pixels[2 * plane + p] = idx.get(y, x, 0) / 255f;
                }
            }
        }
    }

    @Override
    public List<String> labels() {
        return classes;
    }

    /**
     * Frees the session, its options and the reused matrices. The {@link OrtEnvironment} is process-wide and shared
     * by every detector, so it stays.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(session);
        options.close();
        canvas.close();
        scaled.close();
    }

    public boolean isClosed() {
        return closed;
    }

    private static void closeQuietly(OrtSession s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (OrtException e) {
            // the session is gone either way; nothing else holds its memory
        }
    }
}
