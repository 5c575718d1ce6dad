package org.vigie.audio.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vigie.audio.detect.Classification;
import org.vigie.audio.detect.ImpulseClass;
import org.vigie.audio.detect.ImpulseClassifier;
import org.vigie.audio.detect.ImpulseFeatures;

/**
 * Multinomial logistic regression on standardised impulse features with an L2 penalty, trained by full-batch
 * gradient descent (Adam). Small enough to read: the model file is a JSON document of means, scales and weights.
 * The absolute level is left out on purpose: it says how far the sensor was, not what the sound was.
 */
public final class LogisticModel implements ImpulseClassifier {
    public static final String KIND = "vigie-audio-logistic";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> EXCLUDED = List.of("level_dbfs");
    public static final double DEFAULT_ALERT_THRESHOLD = 0.7;
    /** Chosen, with the threshold, by training on UrbanSound8K fold 1 and scoring fold 2 and the reverse; never fold 3. */
    public static final double DEFAULT_L2 = 0.03;
    public static final int DEFAULT_ITERATIONS = 1000;

    private final List<String> featureNames;
    private final int[] featureIndex;
    private final List<ImpulseClass> classes;
    private final double[] mean;
    private final double[] scale;
    private final double[][] weights;
    private final double[] bias;
    private final String name;
    private final double alertThreshold;

    private LogisticModel(List<String> featureNames, List<ImpulseClass> classes, double[] mean, double[] scale,
                          double[][] weights, double[] bias, String name, double alertThreshold) throws IOException {
        this.featureNames = List.copyOf(featureNames);
        this.featureIndex = new int[featureNames.size()];
        for (int j = 0; j < featureIndex.length; j++) {
            featureIndex[j] = ImpulseFeatures.NAMES.indexOf(featureNames.get(j));
            if (featureIndex[j] < 0) {
                throw new IOException("model uses feature '" + featureNames.get(j) + "' that this version does not compute");
            }
        }
        this.classes = List.copyOf(classes);
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
        this.bias = bias;
        this.name = name;
        if (!(alertThreshold >= 0 && alertThreshold < 1)) {
            throw new IOException("alert threshold " + alertThreshold + " outside [0, 1)");
        }
        this.alertThreshold = alertThreshold;
    }

    /**
     * The same model, raising an alert class only when its probability reaches {@code threshold}; below it the
     * impulse is other. Operators act on alerts: a false one costs a patrol, so the default leans to precision.
     */
    public LogisticModel withAlertThreshold(double threshold) {
        try {
            return new LogisticModel(featureNames, classes, mean, scale, weights, bias, name, threshold);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public double alertThreshold() {
        return alertThreshold;
    }

    /** @param l2 penalty on the weights ({@link #DEFAULT_L2} suits a few hundred clips) */
    public static LogisticModel train(List<ImpulseFeatures> x, List<ImpulseClass> y, double l2, int iterations) {
        if (x.isEmpty() || x.size() != y.size()) {
            throw new IllegalArgumentException("need as many labels as examples, and at least one; got " + x.size()
                    + " examples and " + y.size() + " labels");
        }
        List<String> names = ImpulseFeatures.NAMES.stream().filter(n -> !EXCLUDED.contains(n)).toList();
        int[] index = names.stream().mapToInt(ImpulseFeatures.NAMES::indexOf).toArray();
        List<ImpulseClass> classes = Arrays.stream(ImpulseClass.values()).filter(y::contains).toList();
        int n = x.size();
        int d = names.size();
        int k = classes.size();
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (ImpulseFeatures f : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += f.get(index[j]) / n;
            }
        }
        for (ImpulseFeatures f : x) {
            for (int j = 0; j < d; j++) {
                double dv = f.get(index[j]) - mean[j];
                scale[j] += dv * dv / n;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = Math.sqrt(scale[j]) + 1e-9;
        }
        double[][] z = new double[n][d];
        int[] label = new int[n];
        double[] classWeight = new double[k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x.get(i).get(index[j]) - mean[j]) / scale[j];
            }
            label[i] = classes.indexOf(y.get(i));
            classWeight[label[i]]++;
        }
        for (int c = 0; c < k; c++) {
            classWeight[c] = n / (k * classWeight[c]); // balanced: a rare class counts as much as a common one
        }
        double[][] w = new double[k][d];
        double[] b = new double[k];
        double[][] mw = new double[k][d];
        double[][] vw = new double[k][d];
        double[] mb = new double[k];
        double[] vb = new double[k];
        double rate = 0.05;
        double[] p = new double[k];
        for (int it = 1; it <= iterations; it++) {
            double[][] gw = new double[k][d];
            double[] gb = new double[k];
            for (int i = 0; i < n; i++) {
                softmax(w, b, z[i], p);
                for (int c = 0; c < k; c++) {
                    double g = classWeight[label[i]] * (p[c] - (c == label[i] ? 1 : 0)) / n;
                    gb[c] += g;
                    for (int j = 0; j < d; j++) {
                        gw[c][j] += g * z[i][j];
                    }
                }
            }
            double c1 = 1 - Math.pow(0.9, it);
            double c2 = 1 - Math.pow(0.999, it);
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    double g = gw[c][j] + l2 * w[c][j];
                    mw[c][j] = 0.9 * mw[c][j] + 0.1 * g;
                    vw[c][j] = 0.999 * vw[c][j] + 0.001 * g * g;
                    w[c][j] -= rate * (mw[c][j] / c1) / (Math.sqrt(vw[c][j] / c2) + 1e-8);
                }
                mb[c] = 0.9 * mb[c] + 0.1 * gb[c];
                vb[c] = 0.999 * vb[c] + 0.001 * gb[c] * gb[c];
                b[c] -= rate * (mb[c] / c1) / (Math.sqrt(vb[c] / c2) + 1e-8);
            }
        }
        try {
            return new LogisticModel(names, classes, mean, scale, w, b, "model", DEFAULT_ALERT_THRESHOLD);
        } catch (IOException e) {
            throw new IllegalStateException(e); // the names come from this very version
        }
    }

    private static void softmax(double[][] w, double[] b, double[] z, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < w.length; c++) {
            double s = b[c];
            for (int j = 0; j < z.length; j++) {
                s += w[c][j] * z[j];
            }
            out[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < w.length; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < w.length; c++) {
            out[c] /= sum;
        }
    }

    @Override
    public Classification classify(ImpulseFeatures features) {
        double[] z = new double[featureIndex.length];
        for (int j = 0; j < z.length; j++) {
            double v = features.get(featureIndex[j]);
            // Clipped at 8 deviations: a value far outside the training range must not dominate the vote.
            z[j] = Math.max(-8, Math.min(8, (v - mean[j]) / scale[j]));
        }
        double[] p = new double[classes.size()];
        softmax(weights, bias, z, p);
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        ImpulseClass c = classes.get(best);
        if (c.findEventType().isPresent() && p[best] < alertThreshold) {
            double other = 0;
            for (int k = 0; k < p.length; k++) {
                other += c.findEventType().isPresent() && k == best ? 0 : p[k];
            }
            return new Classification(ImpulseClass.OTHER, Math.min(1, Math.max(0, other)));
        }
        return new Classification(c, Math.min(1, Math.max(0, p[best])));
    }

    @Override
    public String name() {
        return name;
    }

    public List<ImpulseClass> classes() {
        return classes;
    }

    public void write(Path file, String trainedOn) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kind", KIND);
        root.put("version", 1);
        root.put("trained_on", trainedOn);
        root.put("alert_threshold", alertThreshold);
        featureNames.forEach(root.putArray("features")::add);
        classes.forEach(c -> root.withArray("classes").add(c.label()));
        Arrays.stream(mean).forEach(root.putArray("mean")::add);
        Arrays.stream(scale).forEach(root.putArray("scale")::add);
        Arrays.stream(bias).forEach(root.putArray("bias")::add);
        var ws = root.putArray("weights");
        for (double[] row : weights) {
            var a = ws.addArray();
            Arrays.stream(row).forEach(a::add);
        }
        Files.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    public static LogisticModel read(Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a JSON model file (" + e.getMessage() + ")", e);
        }
        if (root == null || !KIND.equals(root.path("kind").asText())) {
            throw new IOException(file + ": not a Vigie audio model (expected \"kind\": \"" + KIND + "\")");
        }
        var names = new ArrayList<String>();
        root.path("features").forEach(n -> names.add(n.asText()));
        var classes = new ArrayList<ImpulseClass>();
        for (JsonNode c : root.path("classes")) {
            classes.add(ImpulseClass.fromLabel(c.asText())
                    .orElseThrow(() -> new IOException(file + ": unknown class '" + c.asText() + "'")));
        }
        double[] mean = doubles(root.path("mean"));
        double[] scale = doubles(root.path("scale"));
        double[] bias = doubles(root.path("bias"));
        double[][] weights = new double[root.path("weights").size()][];
        for (int c = 0; c < weights.length; c++) {
            weights[c] = doubles(root.path("weights").get(c));
        }
        int d = names.size();
        int k = classes.size();
        boolean shapesAgree = d > 0 && k > 0 && mean.length == d && scale.length == d && bias.length == k && weights.length == k
                && Arrays.stream(weights).allMatch(r -> r.length == d);
        if (!shapesAgree) {
            throw new IOException(file + ": model arrays disagree in size with its " + d + " features and " + k + " classes");
        }
        return new LogisticModel(names, classes, mean, scale, weights, bias, "model:" + file.getFileName(),
                root.path("alert_threshold").asDouble(DEFAULT_ALERT_THRESHOLD));
    }

    private static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = array.get(i).asDouble();
        }
        return d;
    }
}
