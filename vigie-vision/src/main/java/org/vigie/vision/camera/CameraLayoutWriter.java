package org.vigie.vision.camera;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.vigie.core.config.ConfigException;
import org.vigie.vision.geom.Polygon.Point;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Writes the zones and direction lines edited in the console back into the camera's file, so that a restart keeps
 * them. Only the {@code zones:} and {@code lines:} entries are rewritten (or appended when absent); every other byte
 * of the file, its comments included, stays as it was. The new text is read back as a camera file before it
 * replaces the old one, and it replaces it atomically (a temporary file beside it, then a move): a crash leaves the
 * old file or the new one, never half of each.
 */
public final class CameraLayoutWriter {
    private CameraLayoutWriter() {
    }

    /**
     * Writes {@code layout}'s zones and lines into {@code file}.
     *
     * @throws IOException when the file cannot be read or replaced (not writable, disk full …)
     */
    public static void write(Path file, CameraLayout layout) throws IOException {
        String before = Files.readString(file, StandardCharsets.UTF_8);
        String after = withZonesAndLines(before, layout);
        CameraConfig check;
        try {
            check = CameraConfigReader.read(file.toString(), after);
        } catch (ConfigException e) {
            throw new IllegalStateException("the rewritten camera file would not read back: " + e.getMessage(), e);
        }
        if (!check.layout().zones().equals(layout.zones()) || !sameLines(check.layout().lines(), layout.lines())) {
            throw new IllegalStateException("the rewritten camera file " + file + " does not read back as the edited layout");
        }
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            Files.writeString(temp, after, StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The file's text with its {@code zones:} and {@code lines:} entries replaced by the layout's. */
    public static String withZonesAndLines(String text, CameraLayout layout) {
        Node root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        if (!(root instanceof MappingNode top)) {
            throw new IllegalArgumentException("a camera file is a mapping of keys to values");
        }
        record Entry(String key, int start, int end) {
        }
        var entries = new ArrayList<Entry>();
        for (NodeTuple t : top.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && (k.getValue().equals("zones") || k.getValue().equals("lines"))) {
                if (k.getStartMark().getColumn() != 0) {
                    throw new IllegalArgumentException("the camera file's '" + k.getValue() + "' is not a top-level block key");
                }
                int start = charIndex(text, k.getStartMark().getIndex());
                int end = charIndex(text, t.getValueNode().getEndMark().getIndex());
                // A flow value ends inside its line: the entry takes the rest of that line (a trailing comment too).
                if (end > 0 && text.charAt(end - 1) != '\n') {
                    int eol = text.indexOf('\n', end);
                    end = eol < 0 ? text.length() : eol + 1;
                }
                entries.add(new Entry(k.getValue(), start, end));
            }
        }
        var out = new StringBuilder(text);
        boolean zonesSeen = false;
        boolean linesSeen = false;
        // From the end, so earlier offsets stay valid.
        entries.sort(Comparator.comparingInt(Entry::start).reversed());
        for (Entry e : entries) {
            String block = e.key().equals("zones") ? zones(layout) : lines(layout);
            out.replace(e.start(), e.end(), block);
            zonesSeen |= e.key().equals("zones");
            linesSeen |= e.key().equals("lines");
        }
        if (!zonesSeen || !linesSeen) {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            if (!zonesSeen) {
                out.append(zones(layout));
            }
            if (!linesSeen) {
                out.append(lines(layout));
            }
        }
        return out.toString();
    }

    private static String zones(CameraLayout l) {
        if (l.zones().isEmpty()) {
            return "zones: []\n";
        }
        return "zones:\n" + l.zones().stream().map(z -> "  - {name: " + quoted(z.name()) + ", kind: " + z.kind().yamlName()
                + ", polygon: " + points(z.polygon().points()) + "}\n").collect(Collectors.joining());
    }

    private static String lines(CameraLayout l) {
        if (l.lines().isEmpty()) {
            return "lines: []\n";
        }
        return "lines:\n" + l.lines().stream().map(d -> "  - {name: " + quoted(d.name()) + ", from: " + point(d.from())
                + ", to: " + point(d.to()) + ", allowed: " + d.allowed().name().toLowerCase(java.util.Locale.ROOT)
                + ", band: " + number(d.band()) + "}\n").collect(Collectors.joining());
    }

    private static String points(List<Point> ps) {
        return ps.stream().map(CameraLayoutWriter::point).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String point(Point p) {
        return "[" + number(p.x()) + ", " + number(p.y()) + "]";
    }

    /** Plain decimals: a YAML 1.1 reader takes {@code 1.0E-4} for a float only with luck. */
    private static String number(double d) {
        String s = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    /** A double-quoted YAML scalar (JSON escapes are YAML's too). */
    private static String quoted(String s) {
        var b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** SnakeYAML counts code points; Java strings count UTF-16 units. */
    private static int charIndex(String text, int codePoints) {
        return text.offsetByCodePoints(0, codePoints);
    }

    private static boolean sameLines(List<DirectionLine> a, List<DirectionLine> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            DirectionLine x = a.get(i);
            DirectionLine y = b.get(i);
            if (!x.name().equals(y.name()) || !x.from().equals(y.from()) || !x.to().equals(y.to())
                    || x.allowed() != y.allowed() || Math.abs(x.band() - y.band()) > 1e-12) {
                return false;
            }
        }
        return true;
    }
}
