package org.vigie.audio.classify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.vigie.audio.detect.ClipAnalysis;
import org.vigie.audio.detect.ImpulseClass;
import org.vigie.audio.detect.ImpulseDetector;
import org.vigie.audio.detect.ImpulseFeatures;
import org.vigie.audio.read.AudioClip;
import org.vigie.audio.read.AudioFiles;

/** Turns labelled clips into training examples: one per impulse the detector finds, as it would in service. */
public final class Training {
    public record Examples(List<ImpulseFeatures> features, List<ImpulseClass> labels, List<String> unreadable) {
    }

    private Training() {
    }

    /**
     * In a clip labelled with an impulsive class, only impulses within 10 dB of its strongest are examples of that
     * class (quieter ones may be footsteps or a door); every impulse of an "other" clip is an example of other. A
     * clip where the detector finds nothing contributes its strongest loose candidate, so sirens and engines are
     * learnt too.
     */
    public static Examples examples(List<LabelledClips.Clip> clips, IntConsumer progress) {
        var x = new ArrayList<ImpulseFeatures>();
        var y = new ArrayList<ImpulseClass>();
        var unreadable = new ArrayList<String>();
        int done = 0;
        for (LabelledClips.Clip clip : clips) {
            AudioClip audio;
            try {
                audio = AudioFiles.read(clip.file());
            } catch (IOException e) {
                unreadable.add(e.getMessage());
                progress.accept(++done);
                continue;
            }
            ClipAnalysis a = ClipAnalysis.of(audio, ImpulseDetector.Settings.defaults());
            if (a.features().isEmpty()) {
                ClipAnalysis.strongestCandidate(audio).ifPresent(f -> {
                    x.add(f);
                    y.add(clip.label());
                });
            } else {
                double strongest = a.features().stream().mapToDouble(f -> f.get(ImpulseFeatures.SNR_DB)).max().orElse(0);
                for (ImpulseFeatures f : a.features()) {
                    boolean impulsiveLabel = clip.label().findEventType().isPresent();
                    if (!impulsiveLabel || f.get(ImpulseFeatures.SNR_DB) >= strongest - 10) {
                        x.add(f);
                        y.add(clip.label());
                    }
                }
            }
            progress.accept(++done);
        }
        return new Examples(x, y, unreadable);
    }
}
