package org.vigie.feeds.tabular;

import java.nio.charset.Charset;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Severity;
import org.vigie.core.model.SourceKind;

/**
 * How one tabular export (a CSV or JSON Lines file of police incidents, fire-brigade interventions, citizen
 * requests or hospital load) becomes events: read from a YAML mapping file by {@link TabularMappings}, used by
 * {@link TabularFormat}. Immutable and safe to share between threads.
 */
public final class TabularMapping {
    /** Names of mappings, which are part of a format's name ({@code tabular.NAME}) and of URLs. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public enum Layout { CSV, JSONL }

    /**
     * How the text is laid out.
     *
     * @param columns   column names when the file has no header row (CSV); empty otherwise
     * @param skipLines lines above the header (a title, an export date) that are not data
     */
    record Dialect(Layout layout, char delimiter, char quote, boolean header, List<String> columns, Charset encoding,
                   char decimalSeparator, int skipLines) {
    }

    private final String name;
    private final String origin;
    private final String description;
    private final Dialect dialect;
    private final SourceKind sourceKind;
    private final List<String> idColumns;
    private final String versionColumn;
    private final TimeColumn occurredAt;
    private final PositionColumns position;
    private final ValueRule<EventType> type;
    private final ValueRule<Double> confidence;
    private final ValueRule<Severity> severity;
    private final List<AttributeColumn> attributes;
    private final List<EmitCondition> emitWhen;
    private final Set<String> personalColumns;

    TabularMapping(String name, String origin, String description, Dialect dialect, SourceKind sourceKind,
                   List<String> idColumns, String versionColumn, TimeColumn occurredAt, PositionColumns position,
                   ValueRule<EventType> type, ValueRule<Double> confidence, ValueRule<Severity> severity,
                   List<AttributeColumn> attributes, List<EmitCondition> emitWhen, Set<String> personalColumns) {
        this.name = Objects.requireNonNull(name);
        this.origin = origin;
        this.description = description;
        this.dialect = dialect;
        this.sourceKind = sourceKind;
        this.idColumns = List.copyOf(idColumns);
        this.versionColumn = versionColumn;
        this.occurredAt = occurredAt;
        this.position = position;
        this.type = type;
        this.confidence = confidence;
        this.severity = severity;
        this.attributes = List.copyOf(attributes);
        this.emitWhen = List.copyOf(emitWhen);
        this.personalColumns = Set.copyOf(personalColumns);
    }

    /** The same mapping under another name (a configuration registers a file under a name of its choosing). */
    public TabularMapping withName(String newName) {
        if (!NAME.matcher(newName).matches()) {
            throw new IllegalArgumentException("a mapping name must match " + NAME.pattern() + ", got '" + newName + "'");
        }
        return new TabularMapping(newName, origin, description, dialect, sourceKind, idColumns, versionColumn,
                occurredAt, position, type, confidence, severity, attributes, emitWhen, personalColumns);
    }

    public String name() {
        return name;
    }

    /** Where it was read from: a file path or {@code classpath:…/NAME.yaml}. */
    public String origin() {
        return origin;
    }

    public String description() {
        return description;
    }

    public Layout layout() {
        return dialect.layout();
    }

    public Charset encoding() {
        return dialect.encoding();
    }

    public SourceKind sourceKind() {
        return sourceKind;
    }

    /** The wall clock of the export's city: the zone its times without an offset are read in. */
    public ZoneId timeZone() {
        return occurredAt.zone();
    }

    /** Whether some rows are, by the mapping's rule, not events (aggregate feeds with a threshold). */
    public boolean hasEmitRule() {
        return !emitWhen.isEmpty();
    }

    Dialect dialect() {
        return dialect;
    }

    List<String> idColumns() {
        return idColumns;
    }

    String versionColumn() {
        return versionColumn;
    }

    TimeColumn occurredAt() {
        return occurredAt;
    }

    PositionColumns position() {
        return position;
    }

    ValueRule<EventType> type() {
        return type;
    }

    ValueRule<Double> confidence() {
        return confidence;
    }

    ValueRule<Severity> severity() {
        return severity;
    }

    List<AttributeColumn> attributes() {
        return attributes;
    }

    List<EmitCondition> emitWhen() {
        return emitWhen;
    }

    Set<String> personalColumns() {
        return personalColumns;
    }

    /** Every column the mapping reads, in the order a person would look for them. */
    Set<String> readColumns() {
        var out = new LinkedHashSet<String>(idColumns);
        if (versionColumn != null) {
            out.add(versionColumn);
        }
        out.addAll(occurredAt.columns());
        out.addAll(position.columns());
        type.column().ifPresent(out::add);
        confidence.column().ifPresent(out::add);
        if (severity != null) {
            severity.column().ifPresent(out::add);
        }
        attributes.forEach(a -> out.add(a.column()));
        emitWhen.forEach(c -> out.add(c.column()));
        return out;
    }

    @Override
    public String toString() {
        var parts = new ArrayList<String>();
        parts.add(dialect.layout().name().toLowerCase(Locale.ROOT));
        parts.add(sourceKind.jsonName());
        parts.add(position.kind() == PositionColumns.Kind.SITE ? "sites" : position.crsName());
        if (!emitWhen.isEmpty()) {
            parts.add("emit when " + emitWhen.stream().map(EmitCondition::describe).toList());
        }
        return "tabular." + name + " " + parts;
    }
}
