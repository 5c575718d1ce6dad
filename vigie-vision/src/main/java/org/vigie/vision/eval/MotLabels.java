package org.vigie.vision.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.vigie.vision.geom.Box;

/**
 * Person boxes of a MOTChallenge ground-truth file ({@code frame, id, x, y, w, h, conf, ...}, frames from 1). The
 * dataset's identity column is not read: detection is evaluated, never who is who.
 */
public record MotLabels(TreeMap<Integer, List<Box>> frames) {

    public List<Box> boxes(int frame) {
        return frames.getOrDefault(frame, List.of());
    }

    public static MotLabels read(Path file) throws IOException {
        var frames = new TreeMap<Integer, List<Box>>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] p = line.split(",");
            try {
                if (p.length < 6) {
                    throw new NumberFormatException("expected at least 6 columns");
                }
                // column 7 of ground truth is "consider this entry" (0 = ignore); absent in some files
                if (p.length > 6 && Double.parseDouble(p[6].trim()) == 0) {
                    continue;
                }
                int frame = Integer.parseInt(p[0].trim());
                frames.computeIfAbsent(frame, k -> new ArrayList<>()).add(new Box(Double.parseDouble(p[2].trim()),
                        Double.parseDouble(p[3].trim()), Double.parseDouble(p[4].trim()), Double.parseDouble(p[5].trim())));
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + lineNo + ": not a MOT line (frame,id,x,y,w,h,...): " + e.getMessage(), e);
            }
        }
        return new MotLabels(frames);
    }
}
