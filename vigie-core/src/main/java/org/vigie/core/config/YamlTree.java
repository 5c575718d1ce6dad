package org.vigie.core.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node with its position, read field by field. Every problem is collected (not thrown) with
 * {@code file:line: key: message}, and keys nobody asked for are reported, so a typo never passes silently.
 */
public final class YamlTree {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final String file;
    private final String path;
    private final Node node;
    private final List<String> problems;
    private final Map<String, Node> fields = new LinkedHashMap<>();
    private final Set<String> read = new TreeSet<>();

    /**
     * Parses a whole YAML text into its root tree, refusing duplicate keys and alias bombs.
     *
     * @throws ConfigException naming the file and line when the text is not YAML
     */
    public static YamlTree parse(String fileName, String text, List<String> problems) {
        var options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(1 << 20);
        Node root;
        try (Reader r = new StringReader(text)) {
            root = new Yaml(options).compose(r);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new ConfigException(List.of(fileName + ":" + line + ": not valid YAML: " + e.getProblem()));
        } catch (RuntimeException | IOException e) {
            throw new ConfigException(List.of(fileName + ": not valid YAML: " + e.getMessage()));
        }
        return new YamlTree(fileName, "", root, problems);
    }

    public YamlTree(String file, String path, Node node, List<String> problems) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.problems = problems;
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    fields.put(k.getValue(), t.getValueNode());
                } else {
                    problem(t.getKeyNode(), path, "keys must be plain names");
                }
            }
        } else if (node != null) {
            problem(node, path, "expected a mapping of keys to values");
        }
    }

    private String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public void problem(Node at, String key, String message) {
        int line = at == null ? (node == null ? 1 : node.getStartMark().getLine() + 1) : at.getStartMark().getLine() + 1;
        problems.add(file + ":" + line + ": " + (key.isEmpty() ? "" : key + ": ") + message);
    }

    public Optional<YamlTree> child(String name) {
        read.add(name);
        Node n = fields.get(name);
        return n == null ? Optional.empty() : Optional.of(new YamlTree(file, key(name), n, problems));
    }

    public List<YamlTree> list(String name) {
        read.add(name);
        Node n = fields.get(name);
        var out = new ArrayList<YamlTree>();
        if (n == null) {
            return out;
        }
        if (!(n instanceof SequenceNode s)) {
            problem(n, key(name), "expected a list");
            return out;
        }
        for (int i = 0; i < s.getValue().size(); i++) {
            out.add(new YamlTree(file, key(name) + "[" + i + "]", s.getValue().get(i), problems));
        }
        return out;
    }

    public List<String> strings(String name) {
        read.add(name);
        Node n = fields.get(name);
        var out = new ArrayList<String>();
        if (n == null) {
            return out;
        }
        if (!(n instanceof SequenceNode s)) {
            problem(n, key(name), "expected a list of names, e.g. [gunshot, explosion]");
            return out;
        }
        for (Node item : s.getValue()) {
            if (item instanceof ScalarNode sc) {
                out.add(sc.getValue());
            } else {
                problem(item, key(name), "expected a name");
            }
        }
        return out;
    }

    private Optional<ScalarNode> scalar(String name) {
        read.add(name);
        Node n = fields.get(name);
        if (n == null) {
            return Optional.empty();
        }
        if (n instanceof ScalarNode s) {
            return s.getValue().isEmpty() || s.getValue().equals("~") || s.getValue().equals("null")
                    ? Optional.empty() : Optional.of(s);
        }
        problem(n, key(name), "expected a single value");
        return Optional.empty();
    }

    public String string(String name, String dflt) {
        return scalar(name).map(ScalarNode::getValue).orElse(dflt);
    }

    /** {@code true} ({@code yes}, {@code on}) or {@code false} ({@code no}, {@code off}); anything else is a problem. */
    public boolean bool(String name, boolean dflt) {
        return scalar(name).map(s -> switch (s.getValue().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                problem(node, key(name), "expected true or false, got '" + s.getValue() + "'");
                yield dflt;
            }
        }).orElse(dflt);
    }

    public int integer(String name, int dflt, int min, int max) {
        return scalar(name).map(s -> {
            try {
                int v = Integer.parseInt(s.getValue().trim());
                if (v < min || v > max) {
                    problem(s, key(name), "expected an integer between " + min + " and " + max + ", got " + v);
                    return dflt;
                }
                return v;
            } catch (NumberFormatException e) {
                problem(s, key(name), "expected an integer between " + min + " and " + max + ", got '" + s.getValue() + "'");
                return dflt;
            }
        }).orElse(dflt);
    }

    public double number(String name, double dflt, double minExclusive, double max) {
        return scalar(name).map(s -> {
            try {
                double v = Double.parseDouble(s.getValue().trim());
                if (!(v > minExclusive && v <= max)) {
                    problem(s, key(name), "expected a number in (" + minExclusive + ", " + max + "], got " + v);
                    return dflt;
                }
                return v;
            } catch (NumberFormatException e) {
                problem(s, key(name), "expected a number, got '" + s.getValue() + "'");
                return dflt;
            }
        }).orElse(dflt);
    }

    /** Accepts {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}, {@code 500ms} or ISO-8601 ({@code PT10M}). */
    public Duration duration(String name, Duration dflt) {
        return scalar(name).map(s -> {
            String v = s.getValue().trim();
            Matcher m = DURATION.matcher(v);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            try {
                return Duration.parse(v);
            } catch (DateTimeParseException e) {
                problem(s, key(name), "expected a duration such as 30s, 10m, 2h or PT10M, got '" + v + "'");
                return dflt;
            }
        }).orElse(dflt);
    }

    /** Reports every key of this mapping that no reader asked for. Call after reading all fields. */
    public void rejectUnknownKeys() {
        for (var e : fields.entrySet()) {
            if (!read.contains(e.getKey())) {
                problem(e.getValue(), key(e.getKey()), "unknown key; expected one of " + read);
            }
        }
    }

    public Node node() {
        return node;
    }

    public String path() {
        return path;
    }
}
