package org.vigie.vision.detect;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a tiny but valid ONNX model (IR 7, opset 13) with a YOLOv8-shaped output, encoding the protobuf bytes by
 * hand, since no model can be downloaded in a test. The graph:
 *
 * <pre>
 *   m       = ReduceMean(images, axes=[1,2,3], keepdims=0)      // mean of the input in [0, 1], shape [1]
 *   output0 = Add(Mul(slope, m), offset)                        // shape [1, 4 + 2, 2]: YOLOv8 columns
 * </pre>
 *
 * Two candidate boxes (columns), classes {@code [first, second]}: column 0 is a box centred at (16, 16), 8 x 16
 * input pixels, whose first-class score is {@code m}; column 1 is a 4 x 4 box centred at (8, 8) whose second-class
 * score is {@code 1 - m}. A white frame thus holds one "first" box, a black frame one "second" box.
 */
final class TinyOnnxModel {
    static final int INPUT = 32;

    private TinyOnnxModel() {
    }

    // Rows of the [6, 2] output: cx, cy, w, h, score of class 0, score of class 1; one column per candidate box.
    private static final float[] SLOPE = {0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, -1};
    private static final float[] OFFSET = {16, 8, 16, 8, 8, 4, 16, 4, 0, 0, 0, 1};

    static Path write(Path file) throws Exception {
        Files.write(file, model());
        return file;
    }

    static byte[] model() {
        var graph = new Pb()
                .message(1, node("mean", "ReduceMean", new String[] {"images"}, "m",
                        new Pb().string(1, "axes").int64(8, 1).int64(8, 2).int64(8, 3).int64(20, 7),
                        new Pb().string(1, "keepdims").int64(3, 0).int64(20, 2)))
                .message(1, node("scale", "Mul", new String[] {"slope", "m"}, "am"))
                .message(1, node("shift", "Add", new String[] {"am", "offset"}, "output0"))
                .string(2, "tiny_yolo")
                .message(5, tensor("slope", SLOPE, 1, 6, 2))
                .message(5, tensor("offset", OFFSET, 1, 6, 2))
                .message(11, valueInfo("images", 1, 3, INPUT, INPUT))
                .message(12, valueInfo("output0", 1, 6, 2));
        return new Pb()
                .int64(1, 7)                       // ir_version
                .string(2, "vigie-test")           // producer_name
                .message(7, graph)                 // graph
                .message(8, new Pb().string(1, "").int64(2, 13)) // opset_import: default domain, version 13
                .bytes();
    }

    private static Pb node(String name, String op, String[] inputs, String output, Pb... attributes) {
        var n = new Pb();
        for (String i : inputs) {
            n.string(1, i);
        }
        n.string(2, output).string(3, name).string(4, op);
        for (Pb a : attributes) {
            n.message(5, a);
        }
        return n;
    }

    private static Pb tensor(String name, float[] values, long... dims) {
        var t = new Pb();
        for (long d : dims) {
            t.int64(1, d);
        }
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        return t.int64(2, 1).string(8, name).raw(9, raw.array()); // data_type FLOAT, name, raw_data
    }

    private static Pb valueInfo(String name, long... dims) {
        var shape = new Pb();
        for (long d : dims) {
            shape.message(1, new Pb().int64(1, d));
        }
        var tensorType = new Pb().int64(1, 1).message(2, shape); // elem_type FLOAT, shape
        return new Pb().string(1, name).message(2, new Pb().message(1, tensorType));
    }

    /** The few protobuf wire encodings an ONNX file needs: varints and length-delimited fields. */
    static final class Pb {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pb int64(int field, long v) {
            varint((long) field << 3);
            varint(v);
            return this;
        }

        Pb string(int field, String s) {
            return raw(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Pb message(int field, Pb m) {
            return raw(field, m.bytes());
        }

        Pb raw(int field, byte[] b) {
            varint((long) field << 3 | 2);
            varint(b.length);
            out.writeBytes(b);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
