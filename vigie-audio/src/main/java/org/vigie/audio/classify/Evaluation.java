package org.vigie.audio.classify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.vigie.audio.detect.ClipAnalysis;
import org.vigie.audio.detect.ImpulseClass;
import org.vigie.audio.detect.ImpulseClassifier;
import org.vigie.audio.detect.ImpulseDetector;
import org.vigie.audio.read.AudioFiles;

/**
 * Clip-level scores of the whole chain (detector, then classifier), as an operator would see it: a clip counts as
 * a gunshot when it would raise a gunshot event.
 */
public final class Evaluation {
    /** Confusion counts: truth then prediction. */
    private final Map<ImpulseClass, Map<ImpulseClass, Integer>> counts = new EnumMap<>(ImpulseClass.class);
    private final List<String> unreadable = new ArrayList<>();
    private final String classifier;
    private int clips;

    private Evaluation(String classifier) {
        this.classifier = classifier;
    }

    public static Evaluation run(List<LabelledClips.Clip> clips, ImpulseClassifier classifier, IntConsumer progress) {
        var e = new Evaluation(classifier.name());
        int done = 0;
        for (LabelledClips.Clip clip : clips) {
            try {
                ClipAnalysis a = ClipAnalysis.of(AudioFiles.read(clip.file()), ImpulseDetector.Settings.defaults());
                e.add(clip.label(), a.verdict(classifier));
            } catch (IOException ex) {
                e.unreadable.add(ex.getMessage());
            }
            progress.accept(++done);
        }
        return e;
    }

    void add(ImpulseClass truth, ImpulseClass predicted) {
        counts.computeIfAbsent(truth, t -> new EnumMap<>(ImpulseClass.class)).merge(predicted, 1, Integer::sum);
        clips++;
    }

    private int count(ImpulseClass truth, ImpulseClass predicted) {
        return counts.getOrDefault(truth, Map.of()).getOrDefault(predicted, 0);
    }

    public record Score(double precision, double recall, double f1, int support, int predicted) {
    }

    public Score score(ImpulseClass c) {
        int tp = count(c, c);
        int support = 0;
        int predicted = 0;
        for (ImpulseClass other : ImpulseClass.values()) {
            support += count(c, other);
            predicted += count(other, c);
        }
        double precision = predicted == 0 ? 0 : tp / (double) predicted;
        double recall = support == 0 ? 0 : tp / (double) support;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Score(precision, recall, f1, support, predicted);
    }

    public ObjectNode toJson() {
        var mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("classifier", classifier);
        root.put("clips", clips);
        int correct = 0;
        for (ImpulseClass c : ImpulseClass.values()) {
            correct += count(c, c);
        }
        root.put("accuracy", round(clips == 0 ? 0 : correct / (double) clips));
        ObjectNode classes = root.putObject("classes");
        for (ImpulseClass c : ImpulseClass.values()) {
            Score s = score(c);
            if (s.support() == 0 && s.predicted() == 0) {
                continue;
            }
            ObjectNode n = classes.putObject(c.label());
            n.put("precision", round(s.precision()));
            n.put("recall", round(s.recall()));
            n.put("f1", round(s.f1()));
            n.put("support", s.support());
            n.put("predicted", s.predicted());
        }
        ObjectNode confusion = root.putObject("confusion");
        counts.forEach((truth, row) -> {
            ObjectNode r = confusion.putObject(truth.label());
            row.forEach((p, k) -> r.put(p.label(), k));
        });
        unreadable.forEach(root.putArray("unreadable")::add);
        return root;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
