package org.vigie.audio.classify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vigie.audio.detect.ImpulseClass;

/**
 * Labels of clips by file name, from a CSV with a header. Two shapes are accepted: the UrbanSound8K metadata
 * ({@code slice_file_name,fsID,start,end,salience,fold,classID,class}: {@code gun_shot} is a gunshot, {@code siren}
 * a siren, every other urban class is other) and a plain {@code file,class} with Vigie's class labels.
 */
public final class LabelFile {
    private LabelFile() {
    }

    public static Map<String, ImpulseClass> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(csv + ": empty label file, expected a header line");
        }
        List<String> header = Arrays.stream(lines.get(0).replace("\uFEFF", "").split(",", -1))
                .map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        boolean urbanSound = header.contains("slice_file_name");
        int fileColumn = urbanSound ? header.indexOf("slice_file_name") : header.indexOf("file");
        int classColumn = header.indexOf("class");
        if (fileColumn < 0 || classColumn < 0) {
            throw new IOException(csv + ":1: expected a header with slice_file_name and class (UrbanSound8K) or file and "
                    + "class; got " + lines.get(0));
        }
        var labels = new LinkedHashMap<String, ImpulseClass>();
        for (int i = 1; i < lines.size(); i++) {
            final String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length <= Math.max(fileColumn, classColumn)) {
                throw new IOException(csv + ":" + (i + 1) + ": expected " + header.size() + " columns, got " + cells.length);
            }
            String name = cells[fileColumn].trim();
            String label = cells[classColumn].trim().toLowerCase(Locale.ROOT);
            ImpulseClass c;
            if (urbanSound) {
                c = switch (label) {
                    case "gun_shot" -> ImpulseClass.GUNSHOT;
                    case "siren" -> ImpulseClass.SIREN;
                    default -> ImpulseClass.OTHER;
                };
            } else {
                int lineNo = i + 1;
                c = ImpulseClass.fromLabel(label).orElseThrow(() -> new IOException(csv + ":" + lineNo
                        + ": unknown class '" + label + "'; expected one of gunshot, explosion, glass_break, siren, other"));
            }
            labels.put(name, c);
        }
        return labels;
    }
}
