package org.vigie.feeds.tabular;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.vigie.core.config.ConfigException;
import org.vigie.core.config.YamlTree;
import org.vigie.core.geo.BoundingBox;
import org.vigie.core.model.Attributes;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Location;
import org.vigie.core.model.Severity;
import org.vigie.core.model.SourceKind;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads tabular mappings: the ones shipped with Vigie, by name, and files, by path. Every problem of a file is
 * reported at once, each as {@code file:line: key: what was expected}, and unknown keys are errors, as in the
 * main configuration. The shipped files under {@code org/vigie/feeds/tabular/mappings/} document every key.
 */
public final class TabularMappings {
    /** The mappings shipped as resources; the three examples show the shapes of French exports. */
    public static final List<String> SHIPPED = List.of("baltimore311", "fr-police-l93", "fire-interventions",
            "hospital-ed-load");
    private static final String RESOURCES = "mappings/";
    private static final String REJECT = "reject";
    private static final double DEFAULT_ACCURACY_METERS = 50;
    private static final double DEFAULT_SITE_ACCURACY_METERS = 150;
    private static final Map<String, TabularMapping> SHIPPED_CACHE = new ConcurrentHashMap<>();
    private static final Map<String, CoordinateReferenceSystem> CRS_CACHE = new ConcurrentHashMap<>();

    private TabularMappings() {
    }

    /** A shipped mapping by name. */
    public static Optional<TabularMapping> findShipped(String name) {
        if (!SHIPPED.contains(name)) {
            return Optional.empty();
        }
        return Optional.of(SHIPPED_CACHE.computeIfAbsent(name, n -> {
            String resource = RESOURCES + n + ".yaml";
            try (InputStream in = TabularMappings.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the shipped mapping " + resource + " is missing from the build");
                }
                return parse("classpath:org/vigie/feeds/tabular/" + resource,
                        new String(in.readAllBytes(), StandardCharsets.UTF_8), n);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the shipped mapping " + resource, e);
            }
        }));
    }

    /** A shipped mapping by name. @throws IllegalArgumentException naming the shipped ones */
    public static TabularMapping getShipped(String name) {
        return findShipped(name).orElseThrow(() -> new IllegalArgumentException(
                "no shipped mapping '" + name + "'; shipped: " + SHIPPED));
    }

    /**
     * A shipped mapping when {@code nameOrPath} is one's name, otherwise the mapping file at that path: what a
     * command line accepts for {@code --mapping}.
     *
     * @throws ConfigException when the file cannot be read or is not a valid mapping
     */
    public static TabularMapping load(String nameOrPath) {
        Optional<TabularMapping> shipped = findShipped(nameOrPath);
        if (shipped.isPresent()) {
            return shipped.get();
        }
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(List.of(nameOrPath + ": neither a shipped mapping " + SHIPPED + " nor a mapping file"));
        }
        return load(file);
    }

    /**
     * A mapping file. Its name is its {@code name} key, or the file name without {@code .yaml}/{@code .yml}.
     *
     * @throws ConfigException when the file cannot be read or is not a valid mapping
     */
    public static TabularMapping load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e.getMessage()));
        }
        String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "").toLowerCase(Locale.ROOT);
        return parse(file.toString(), text, base);
    }

    /**
     * @param origin      the file name used in messages
     * @param defaultName the name when the text has no {@code name} key
     * @throws ConfigException naming every problem with its line
     */
    public static TabularMapping parse(String origin, String text, String defaultName) {
        var problems = new ArrayList<String>();
        YamlTree top = YamlTree.parse(origin, text, problems);
        TabularMapping m = new Reading(top, origin).mapping(defaultName);
        if (!problems.isEmpty() || m == null) {
            throw new ConfigException(problems.isEmpty() ? List.of(origin + ": not a valid mapping") : problems);
        }
        return m;
    }

    /** One file's reading: problems are collected in the tree; a part that cannot be built is null. */
    private static final class Reading {
        private final YamlTree top;
        private final String origin;

        Reading(YamlTree top, String origin) {
            this.top = top;
            this.origin = origin;
        }

        TabularMapping mapping(String defaultName) {
            String name = top.string("name", defaultName);
            if (name == null || !TabularMapping.NAME.matcher(name).matches()) {
                top.problem(field(top, "name"), "name", "expected a name matching " + TabularMapping.NAME.pattern()
                        + " (lower case, digits, - and _), got '" + name + "'");
            }
            String description = top.string("description", "");
            TabularMapping.Dialect dialect = required(top, "format", "a mapping with kind: csv or jsonl", this::dialect);
            SourceKind source = sourceKind();
            List<String> ids = List.of();
            String version = null;
            Optional<YamlTree> record = top.child("record");
            if (record.isPresent()) {
                YamlTree r = record.get();
                ids = namesOrName(r, "id");
                if (ids.isEmpty()) {
                    r.problem(r.node(), key(r, "id"), "required: the column(s) that identify a record, e.g. [incident_id]");
                }
                version = r.string("version", null);
                r.rejectUnknownKeys();
            } else {
                missing(top, "record", "a mapping with id: the column(s) identifying a record (and version: a last-updated column)");
            }
            TimeColumn time = required(top, "occurred-at", "a mapping with column, formats and zone", this::time);
            PositionColumns position = required(top, "location", "a mapping with lat/lon, x/y and crs, or site and sites",
                    this::position);
            ValueRule<EventType> type = requiredRule("type",
                    "an event type, or a mapping with column, values and default", this::eventType, true);
            ValueRule<Double> confidence = requiredRule("confidence",
                    "a number in (0, 1], or a mapping with column, values and default", this::confidenceValue, true);
            ValueRule<Severity> severity = field(top, "severity") == null
                    ? optionalAbsent("severity")
                    : requiredRule("severity", "a severity, or a mapping with column and values", this::severityValue, false);
            Set<String> personal = new LinkedHashSet<>(top.strings("personal-columns"));
            List<AttributeColumn> attributes = attributes(personal);
            List<EmitCondition> emit = emitWhen();
            top.rejectUnknownKeys();
            if (dialect == null || source == null || ids.isEmpty() || time == null || position == null || type == null
                    || confidence == null || name == null || !TabularMapping.NAME.matcher(name).matches()) {
                return null;
            }
            var m = new TabularMapping(name, origin, description, dialect, source, ids,
                    version, time, position, type, confidence, severity, attributes, emit, personal);
            if (!dialect.header() && dialect.layout() == TabularMapping.Layout.CSV && !dialect.columns().isEmpty()) {
                for (String c : m.readColumns()) {
                    if (!dialect.columns().contains(c)) {
                        top.problem(field(top, "format"), "format.columns", "the mapping reads column '" + c
                                + "', which is not among the columns " + dialect.columns());
                    }
                }
            }
            return m;
        }

        private TabularMapping.Dialect dialect(YamlTree f) {
            String kind = f.string("kind", null);
            TabularMapping.Layout layout = null;
            if (kind == null) {
                missing(f, "kind", "csv or jsonl");
            } else if (kind.equals("csv") || kind.equals("jsonl")) {
                layout = TabularMapping.Layout.valueOf(kind.toUpperCase(Locale.ROOT));
            } else {
                f.problem(field(f, "kind"), key(f, "kind"), "expected csv or jsonl, got '" + kind + "'");
            }
            boolean csv = layout == TabularMapping.Layout.CSV;
            char delimiter = character(f, "delimiter", ',', csv);
            char quote = character(f, "quote", '"', csv);
            boolean header = bool(f, "header", true, csv);
            List<String> columns = f.strings("columns");
            if (!columns.isEmpty() && !csv) {
                f.problem(field(f, "columns"), key(f, "columns"), "only for kind: csv");
            } else if (csv && header && !columns.isEmpty()) {
                f.problem(field(f, "columns"), key(f, "columns"), "only with header: false; with a header row the names come from it");
            } else if (csv && !header && columns.isEmpty()) {
                missing(f, "columns", "with header: false, the list of column names in file order");
            } else if (new HashSet<>(columns).size() != columns.size()) {
                f.problem(field(f, "columns"), key(f, "columns"), "a column name appears twice");
            }
            if (csv && delimiter == quote) {
                f.problem(field(f, "quote"), key(f, "quote"), "must differ from the delimiter");
            }
            Charset encoding = StandardCharsets.UTF_8;
            String enc = f.string("encoding", null);
            if (enc != null) {
                try {
                    encoding = Charset.forName(enc);
                } catch (IllegalArgumentException e) {
                    f.problem(field(f, "encoding"), key(f, "encoding"), "unknown encoding '" + enc
                            + "'; expected e.g. UTF-8, windows-1252 or ISO-8859-1");
                }
            }
            String dec = f.string("decimal", ".");
            if (!dec.equals(".") && !dec.equals(",")) {
                f.problem(field(f, "decimal"), key(f, "decimal"), "expected \".\" or \",\", got '" + dec + "'");
            }
            int skip = f.integer("skip-lines", 0, 0, 1000);
            f.rejectUnknownKeys();
            return layout == null ? null : new TabularMapping.Dialect(layout, delimiter, quote, header, columns, encoding,
                    dec.charAt(0), skip);
        }

        private SourceKind sourceKind() {
            String s = top.string("source", null);
            if (s == null) {
                missing(top, "source", "the kind of source: police, fire_brigade, hospital, citizen, …");
                return null;
            }
            Optional<SourceKind> kind = SourceKind.fromJson(s);
            // Operator and fusion events are Vigie's own; an export must not pass for them.
            if (kind.isEmpty() || kind.get() == SourceKind.OPERATOR || kind.get() == SourceKind.FUSION) {
                top.problem(field(top, "source"), "source", "expected one of " + Arrays.stream(SourceKind.values())
                        .filter(k -> k != SourceKind.OPERATOR && k != SourceKind.FUSION).map(SourceKind::jsonName).toList()
                        + ", got '" + s + "'");
                return null;
            }
            return kind.get();
        }

        private TimeColumn time(YamlTree t) {
            List<String> columns = new ArrayList<>();
            String column = t.string("column", null);
            List<String> several = t.strings("columns");
            if (column != null && !several.isEmpty()) {
                t.problem(t.node(), key(t, "columns"), "give column or columns, not both");
            }
            if (column != null) {
                columns.add(column);
            } else {
                columns.addAll(several);
            }
            if (columns.isEmpty()) {
                missing(t, "column", "the column holding the time (or columns: [date, time], joined by a space)");
            }
            List<String> formats = t.strings("formats");
            if (formats.isEmpty()) {
                missing(t, "formats", "a list of formats, e.g. [\"dd/MM/yyyy HH:mm\", iso]");
            }
            boolean ok = !columns.isEmpty() && !formats.isEmpty();
            for (String f : formats) {
                try {
                    TimeColumn.parser(f);
                } catch (IllegalArgumentException e) {
                    t.problem(field(t, "formats"), key(t, "formats"), "'" + f + "' is not a date-time pattern: " + e.getMessage());
                    ok = false;
                }
            }
            ZoneId zone = null;
            String z = t.string("zone", null);
            if (z == null) {
                missing(t, "zone", "the time zone of values without an offset, e.g. Europe/Paris");
            } else {
                try {
                    zone = ZoneId.of(z);
                } catch (DateTimeException e) {
                    t.problem(field(t, "zone"), key(t, "zone"), "unknown time zone '" + z + "'; expected e.g. Europe/Paris");
                }
            }
            t.rejectUnknownKeys();
            return ok && zone != null ? new TimeColumn(columns, formats, zone) : null;
        }

        private PositionColumns position(YamlTree l) {
            String lat = l.string("lat", null);
            String lon = l.string("lon", null);
            String x = l.string("x", null);
            String y = l.string("y", null);
            String crsName = l.string("crs", null);
            String site = l.string("site", null);
            Node sitesNode = field(l, "sites");
            Optional<YamlTree> sitesTree = l.child("sites");
            BoundingBox bounds = bounds(l);
            boolean byLatLon = lat != null || lon != null;
            boolean byXy = x != null || y != null;
            boolean bySite = site != null || sitesNode != null;
            double accuracy = l.number("accuracy-m", bySite ? DEFAULT_SITE_ACCURACY_METERS : DEFAULT_ACCURACY_METERS, 0,
                    Location.MAX_ACCURACY_METERS);
            if ((byLatLon ? 1 : 0) + (byXy ? 1 : 0) + (bySite ? 1 : 0) != 1) {
                l.problem(l.node(), l.path(), "give exactly one of lat and lon (WGS84), x and y with crs, or site and sites");
                l.rejectUnknownKeys();
                return null;
            }
            PositionColumns out = null;
            if (byLatLon) {
                if (lat == null || lon == null) {
                    missing(l, lat == null ? "lat" : "lon", "both lat and lon columns");
                } else if (crsName != null && !crsName.equalsIgnoreCase("EPSG:4326")) {
                    l.problem(field(l, "crs"), key(l, "crs"), "lat and lon are WGS84 (EPSG:4326); for " + crsName
                            + " give x and y columns");
                } else {
                    out = PositionColumns.latLon(lat, lon, accuracy, bounds);
                }
            } else if (byXy) {
                if (x == null || y == null) {
                    missing(l, x == null ? "x" : "y", "both x (easting) and y (northing) columns");
                } else if (crsName == null) {
                    missing(l, "crs", "the projected system of x and y, e.g. EPSG:2154 (Lambert-93)");
                } else {
                    CoordinateReferenceSystem crs = crs(l, crsName);
                    if (crs != null) {
                        out = PositionColumns.projected(x, y, crsName.toUpperCase(Locale.ROOT), crs, accuracy, bounds);
                    }
                }
            } else {
                if (crsName != null && !crsName.equalsIgnoreCase("EPSG:4326")) {
                    l.problem(field(l, "crs"), key(l, "crs"), "sites are given in WGS84 (EPSG:4326)");
                }
                Map<String, double[]> sites = sitesTree.map(this::sites).orElse(Map.of());
                if (site == null) {
                    missing(l, "site", "the column naming the site");
                } else if (sitesTree.isEmpty()) {
                    missing(l, "sites", "a table of site → [lat, lon]");
                } else if (!sites.isEmpty()) {
                    out = PositionColumns.sites(site, sites, accuracy, bounds);
                }
            }
            l.rejectUnknownKeys();
            return out;
        }

        private static CoordinateReferenceSystem crs(YamlTree l, String name) {
            try {
                // proj4j scans its EPSG file for every look-up; systems do not change, so each is read once.
                CoordinateReferenceSystem crs = CRS_CACHE.computeIfAbsent(name.toUpperCase(Locale.ROOT),
                        n -> new CRSFactory().createFromName(n));
                if (crs == null || Boolean.TRUE.equals(crs.isGeographic())) {
                    l.problem(field(l, "crs"), key(l, "crs"), name + " is not a projected system; for latitude and longitude"
                            + " give lat and lon columns");
                    return null;
                }
                return crs;
            } catch (RuntimeException e) {
                l.problem(field(l, "crs"), key(l, "crs"), "unknown coordinate reference system '" + name
                        + "'; expected an EPSG code such as EPSG:2154 (Lambert-93)");
                return null;
            }
        }

        private static BoundingBox bounds(YamlTree l) {
            Node n = field(l, "bounds");
            List<String> parts = l.strings("bounds");
            if (n == null) {
                return null;
            }
            try {
                if (parts.size() != 4) {
                    throw new IllegalArgumentException("expected four numbers");
                }
                return new BoundingBox(Double.parseDouble(parts.get(0)), Double.parseDouble(parts.get(1)),
                        Double.parseDouble(parts.get(2)), Double.parseDouble(parts.get(3)));
            } catch (IllegalArgumentException e) {
                l.problem(n, key(l, "bounds"), "expected [minLon, minLat, maxLon, maxLat] in WGS84 degrees ("
                        + e.getMessage() + ")");
                return null;
            }
        }

        private Map<String, double[]> sites(YamlTree s) {
            var out = new LinkedHashMap<String, double[]>();
            for (NodeTuple t : tuples(s)) {
                String name = ((ScalarNode) t.getKeyNode()).getValue();
                String k = key(s, name);
                if (!(t.getValueNode() instanceof SequenceNode seq) || seq.getValue().size() != 2
                        || !(seq.getValue().get(0) instanceof ScalarNode a) || !(seq.getValue().get(1) instanceof ScalarNode b)) {
                    s.problem(t.getValueNode(), k, "expected [lat, lon]");
                    continue;
                }
                try {
                    double lat = Double.parseDouble(a.getValue());
                    double lon = Double.parseDouble(b.getValue());
                    if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
                        throw new NumberFormatException("out of range");
                    }
                    if (out.put(ValueTable.normalize(name), new double[] {lat, lon}) != null) {
                        s.problem(t.getKeyNode(), k, "the same site twice (names are compared ignoring case and spaces)");
                    }
                } catch (NumberFormatException e) {
                    s.problem(t.getValueNode(), k, "expected [lat, lon] in WGS84 degrees, got [" + a.getValue() + ", "
                            + b.getValue() + "]");
                }
            }
            if (out.isEmpty()) {
                s.problem(s.node(), s.path(), "expected at least one site: NAME: [lat, lon]");
            }
            return out;
        }

        /** A constant (a scalar) or a mapping with column, values, prefixes and default. */
        private <T> ValueRule<T> rule(YamlTree t, String what, Function<ScalarNode, Parsed<T>> parse, boolean needsDefault) {
            String column = t.string("column", null);
            if (column == null) {
                missing(t, "column", "the column whose values the table maps");
            }
            Map<String, T> values = table(t, "values", parse);
            Map<String, T> prefixes = table(t, "prefixes", parse);
            Node dflt = field(t, "default");
            boolean hasDefault = dflt != null;
            T fallback = null;
            if (dflt instanceof ScalarNode s) {
                t.string("default", null);
                Parsed<T> p = parse.apply(s);
                if (p == null) {
                    t.problem(s, key(t, "default"), "expected " + what + " value or reject, got '" + s.getValue() + "'");
                } else {
                    fallback = p.value();
                }
            } else if (dflt != null) {
                t.string("default", null);
            } else if (needsDefault) {
                missing(t, "default", "what a value not in the table becomes: a " + what + " value, or reject");
            }
            t.rejectUnknownKeys();
            return column == null ? null : ValueRule.column(what, column, new ValueTable<>(values, prefixes, hasDefault, fallback));
        }

        private <T> Map<String, T> table(YamlTree t, String name, Function<ScalarNode, Parsed<T>> parse) {
            var out = new LinkedHashMap<String, T>();
            Optional<YamlTree> table = t.child(name);
            if (table.isEmpty()) {
                return out;
            }
            var seen = new HashMap<String, String>();
            for (NodeTuple e : tuples(table.get())) {
                String from = ((ScalarNode) e.getKeyNode()).getValue();
                String k = key(table.get(), from);
                if (name.equals("prefixes") && ValueTable.normalize(from).isEmpty()) {
                    table.get().problem(e.getKeyNode(), k, "an empty prefix would match everything; that is what default is for");
                    continue;
                }
                String earlier = seen.put(ValueTable.normalize(from), from);
                if (earlier != null) {
                    table.get().problem(e.getKeyNode(), k, "the same value as '" + earlier
                            + "' (values are compared ignoring case and runs of spaces)");
                }
                Parsed<T> p = e.getValueNode() instanceof ScalarNode s ? parse.apply(s) : null;
                if (p == null) {
                    table.get().problem(e.getValueNode(), k, "expected a value or reject, got "
                            + (e.getValueNode() instanceof ScalarNode s ? "'" + s.getValue() + "'" : "a list or a mapping"));
                } else {
                    out.put(from, p.value());
                }
            }
            return out;
        }

        /** A table entry's value; {@code value} null means reject. Null itself: not a valid value. */
        private record Parsed<T>(T value) {
        }

        private Parsed<EventType> eventType(ScalarNode s) {
            String v = s.getValue().trim();
            return v.equals(REJECT) ? new Parsed<>(null) : EventType.fromJson(v).map(Parsed::new).orElse(null);
        }

        private Parsed<Severity> severityValue(ScalarNode s) {
            String v = s.getValue().trim();
            return v.equals(REJECT) ? new Parsed<>(null) : Severity.fromJson(v).map(Parsed::new).orElse(null);
        }

        private Parsed<Double> confidenceValue(ScalarNode s) {
            String v = s.getValue().trim();
            if (v.equals(REJECT)) {
                return new Parsed<>(null);
            }
            Double d = Row.number(v, '.');
            return d != null && d > 0 && d <= 1 ? new Parsed<>(d) : null;
        }

        /** type, confidence, severity: a scalar constant or a table mapping. */
        private <T> ValueRule<T> requiredRule(String what, String expected, Function<ScalarNode, Parsed<T>> parse,
                                              boolean needsDefault) {
            Node n = field(top, what);
            if (n == null) {
                missing(top, what, expected);
                return null;
            }
            if (n instanceof ScalarNode s) {
                top.string(what, null);
                Parsed<T> p = parse.apply(s);
                if (p == null || p.value() == null) {
                    top.problem(s, what, "expected " + expected + ", got '" + s.getValue() + "'");
                    return null;
                }
                return ValueRule.constant(what, p.value());
            }
            return top.child(what).map(t -> rule(t, what, parse, needsDefault)).orElse(null);
        }

        /** Marks an optional key that is absent as known, so that unknown-key messages list it. */
        private <T> T optionalAbsent(String name) {
            top.string(name, null);
            return null;
        }

        private List<AttributeColumn> attributes(Set<String> personal) {
            var out = new ArrayList<AttributeColumn>();
            Optional<YamlTree> attrs = top.child("attributes");
            if (attrs.isEmpty()) {
                return out;
            }
            YamlTree a = attrs.get();
            var names = new HashSet<String>();
            for (NodeTuple t : tuples(a)) {
                String column = ((ScalarNode) t.getKeyNode()).getValue();
                String k = key(a, column);
                String name;
                AttributeColumn.As as = AttributeColumn.As.AUTO;
                long suppress = 0;
                if (t.getValueNode() instanceof ScalarNode s) {
                    name = s.getValue();
                } else if (t.getValueNode() instanceof MappingNode) {
                    YamlTree spec = a.child(column).orElseThrow();
                    name = spec.string("name", null);
                    String kind = spec.string("as", "auto");
                    try {
                        as = AttributeColumn.As.valueOf(kind.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        spec.problem(field(spec, "as"), key(spec, "as"), "expected auto, text, integer, number or boolean, got '"
                                + kind + "'");
                    }
                    suppress = spec.integer("suppress-below", 0, 0, 1_000_000);
                    if (suppress > 0 && as != AttributeColumn.As.INTEGER && as != AttributeColumn.As.NUMBER
                            && as != AttributeColumn.As.AUTO) {
                        spec.problem(field(spec, "suppress-below"), key(spec, "suppress-below"), "only for counts (as: integer or number)");
                    }
                    spec.rejectUnknownKeys();
                    if (name == null) {
                        missing(spec, "name", "the attribute name");
                        continue;
                    }
                } else {
                    a.problem(t.getValueNode(), k, "expected an attribute name, or a mapping with name, as and suppress-below");
                    continue;
                }
                if (!Attributes.KEY.matcher(name).matches()) {
                    a.problem(t.getValueNode(), k, "attribute names must match " + Attributes.KEY.pattern() + ", got '" + name + "'");
                } else if (!names.add(name)) {
                    a.problem(t.getValueNode(), k, "attribute '" + name + "' is given twice");
                } else if (personal.contains(column)) {
                    a.problem(t.getKeyNode(), k, "'" + column + "' is listed in personal-columns; it can never be kept");
                } else {
                    out.add(new AttributeColumn(column, name, as, suppress));
                }
            }
            if (out.size() > Attributes.MAX_ENTRIES) {
                a.problem(a.node(), a.path(), "at most " + Attributes.MAX_ENTRIES + " attributes, got " + out.size());
            }
            return out;
        }

        private List<EmitCondition> emitWhen() {
            var out = new ArrayList<EmitCondition>();
            for (YamlTree c : top.list("emit-when")) {
                String column = c.string("column", null);
                Node atLeastNode = field(c, "at-least");
                double atLeast = c.number("at-least", 0, -Double.MAX_VALUE, Double.MAX_VALUE);
                List<String> oneOf = c.strings("one-of");
                c.rejectUnknownKeys();
                if (column == null) {
                    missing(c, "column", "the column the condition reads");
                } else if ((atLeastNode != null) == !oneOf.isEmpty()) {
                    c.problem(c.node(), c.path(), "give exactly one of at-least: NUMBER or one-of: [values]");
                } else {
                    out.add(new EmitCondition(column, atLeastNode != null ? atLeast : null,
                            oneOf.stream().map(ValueTable::normalize).collect(Collectors.toSet())));
                }
            }
            return out;
        }

        // --- small readers over YamlTree --------------------------------------------------------------------

        private static <T> T required(YamlTree parent, String name, String expected, Function<YamlTree, T> read) {
            Optional<YamlTree> t = parent.child(name);
            if (t.isEmpty()) {
                missing(parent, name, expected);
                return null;
            }
            if (!(t.get().node() instanceof MappingNode)) {
                return null; // YamlTree already said it expected a mapping
            }
            return read.apply(t.get());
        }

        private static void missing(YamlTree t, String name, String expected) {
            t.problem(t.node(), key(t, name), "required: " + expected);
        }

        private static String key(YamlTree t, String name) {
            return t.path().isEmpty() ? name : t.path() + "." + name;
        }

        /** The value node of a key, without marking it read (so that its shape can decide how to read it). */
        private static Node field(YamlTree t, String name) {
            if (t.node() instanceof MappingNode m) {
                for (NodeTuple e : m.getValue()) {
                    if (e.getKeyNode() instanceof ScalarNode k && k.getValue().equals(name)) {
                        return e.getValueNode();
                    }
                }
            }
            return null;
        }

        private static List<NodeTuple> tuples(YamlTree t) {
            if (!(t.node() instanceof MappingNode m)) {
                return List.of();
            }
            return m.getValue().stream().filter(e -> e.getKeyNode() instanceof ScalarNode).toList();
        }

        private static List<String> namesOrName(YamlTree t, String name) {
            Node n = field(t, name);
            if (n instanceof ScalarNode) {
                String v = t.string(name, null);
                return v == null ? List.of() : List.of(v);
            }
            return t.strings(name);
        }

        private static char character(YamlTree t, String name, char dflt, boolean allowed) {
            String v = t.string(name, null);
            if (v == null) {
                return dflt;
            }
            if (!allowed) {
                t.problem(field(t, name), key(t, name), "only for kind: csv");
                return dflt;
            }
            if (v.equals("tab")) {
                return '\t';
            }
            if (v.length() != 1 || v.charAt(0) == '\n' || v.charAt(0) == '\r') {
                t.problem(field(t, name), key(t, name), "expected one character (or tab), got '" + v + "'");
                return dflt;
            }
            return v.charAt(0);
        }

        private static boolean bool(YamlTree t, String name, boolean dflt, boolean allowed) {
            String v = t.string(name, null);
            if (v == null) {
                return dflt;
            }
            if (!allowed) {
                t.problem(field(t, name), key(t, name), "only for kind: csv");
                return dflt;
            }
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes" -> true;
                case "false", "no" -> false;
                default -> {
                    t.problem(field(t, name), key(t, name), "expected true or false, got '" + v + "'");
                    yield dflt;
                }
            };
        }
    }
}
