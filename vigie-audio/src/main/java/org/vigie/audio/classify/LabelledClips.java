package org.vigie.audio.classify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.vigie.audio.detect.ImpulseClass;

/** Audio files in folders matched to their labels by file name. */
public final class LabelledClips {
    public record Clip(Path file, ImpulseClass label) {
    }

    /** @param unlabelled audio files that no label file names: reported, not guessed */
    public record Listing(List<Clip> clips, List<Path> unlabelled) {
    }

    private LabelledClips() {
    }

    public static Listing list(List<Path> dirs, List<Path> labelFiles) throws IOException {
        Map<String, ImpulseClass> labels = new HashMap<>();
        for (Path csv : labelFiles) {
            labels.putAll(LabelFile.read(csv));
        }
        var clips = new ArrayList<Clip>();
        var unlabelled = new ArrayList<Path>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new IOException(dir + ": not a folder");
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(LabelledClips::isAudio).sorted().toList()) {
                    ImpulseClass c = labels.get(f.getFileName().toString());
                    if (c == null) {
                        unlabelled.add(f);
                    } else {
                        clips.add(new Clip(f, c));
                    }
                }
            }
        }
        return new Listing(clips, unlabelled);
    }

    static boolean isAudio(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".wav") || n.endsWith(".flac");
    }
}
