package org.vigie.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.jooq.Converter;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import org.vigie.core.model.DismissalReason;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EventType;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.Severity;
import org.vigie.core.model.SourceKind;

/**
 * The tables of {@code db/migration/V1__init.sql} and later migrations, declared by hand so one repository code serves SQLite and
 * PostgreSQL without generated classes. Columns are typed with domain types through converters, so a query
 * cannot compare an instant with a raw number or a status with a misspelt string.
 *
 * <p>Rows are always read through these typed fields ({@code select(Events.ALL)}), never {@code selectFrom}: a
 * table declared by name has no typed fields of its own, and its records would hold raw strings and numbers.
 *
 * <p>Fields are qualified with their table because recovery queries correlate {@code events} with
 * {@code incident_events}.
 */
final class Tables {
    private Tables() {
    }

    static final DataType<Instant> INSTANT = SQLDataType.BIGINT.asConvertedDataType(
            Converter.ofNullable(Long.class, Instant.class, Tables::instantOf, Tables::microsOf));
    static final DataType<EventId> EVENT_ID = SQLDataType.CLOB.asConvertedDataType(
            Converter.ofNullable(String.class, EventId.class, EventId::parse, EventId::toString));
    static final DataType<IncidentId> INCIDENT_ID = SQLDataType.CLOB.asConvertedDataType(
            Converter.ofNullable(String.class, IncidentId.class, IncidentId::parse, IncidentId::toString));
    static final DataType<EventType> EVENT_TYPE = jsonNamed(EventType.class, EventType::jsonName,
            s -> EventType.fromJson(s).orElse(null));
    static final DataType<IncidentStatus> STATUS = jsonNamed(IncidentStatus.class, IncidentStatus::jsonName,
            s -> IncidentStatus.fromJson(s).orElse(null));
    static final DataType<Severity> SEVERITY = jsonNamed(Severity.class, Severity::jsonName,
            s -> Severity.fromJson(s).orElse(null));
    static final DataType<DismissalReason> DISMISSAL_REASON = jsonNamed(DismissalReason.class,
            DismissalReason::jsonName, s -> DismissalReason.fromJson(s).orElse(null));
    static final DataType<SourceKind> SOURCE_KIND = jsonNamed(SourceKind.class, SourceKind::jsonName,
            s -> SourceKind.fromJson(s).orElse(null));

    static final class Events {
        static final Table<?> TABLE = table(name("events"));
        static final Field<EventId> ID = column("events", "id", EVENT_ID);
        static final Field<Instant> OCCURRED_AT = column("events", "occurred_at", INSTANT);
        static final Field<Instant> RECEIVED_AT = column("events", "received_at", INSTANT);
        /** The same column as {@link #OCCURRED_AT}, as the stored microseconds, for arithmetic in SQL. */
        static final Field<Long> OCCURRED_AT_MICROS = column("events", "occurred_at", SQLDataType.BIGINT);
        static final Field<SourceKind> SOURCE_KIND = column("events", "source_kind", Tables.SOURCE_KIND);
        static final Field<String> SOURCE_ID = column("events", "source_id", SQLDataType.CLOB);
        static final Field<EventType> TYPE = column("events", "type", EVENT_TYPE);
        static final Field<Double> LAT = column("events", "lat", SQLDataType.DOUBLE);
        static final Field<Double> LON = column("events", "lon", SQLDataType.DOUBLE);
        static final Field<Double> ACCURACY_M = column("events", "accuracy_m", SQLDataType.DOUBLE);
        static final Field<Long> H3 = column("events", "h3", SQLDataType.BIGINT);
        static final Field<Double> CONFIDENCE = column("events", "confidence", SQLDataType.DOUBLE);
        static final Field<Severity> SEVERITY = column("events", "severity", Tables.SEVERITY);
        static final Field<String> ATTRIBUTES = column("events", "attributes", SQLDataType.CLOB);
        static final Field<String> EVIDENCE = column("events", "evidence", SQLDataType.CLOB);
        static final List<Field<?>> ALL = List.of(ID, OCCURRED_AT, RECEIVED_AT, SOURCE_KIND, SOURCE_ID, TYPE, LAT, LON,
                ACCURACY_M, H3, CONFIDENCE, SEVERITY, ATTRIBUTES, EVIDENCE);

        private Events() {
        }
    }

    static final class Incidents {
        static final Table<?> TABLE = table(name("incidents"));
        static final Field<IncidentId> ID = column("incidents", "id", INCIDENT_ID);
        static final Field<EventType> TYPE = column("incidents", "type", EVENT_TYPE);
        static final Field<IncidentStatus> STATUS = column("incidents", "status", Tables.STATUS);
        static final Field<Integer> PRIORITY = column("incidents", "priority", SQLDataType.INTEGER);
        static final Field<Severity> SEVERITY = column("incidents", "severity", Tables.SEVERITY);
        static final Field<Double> CONFIDENCE = column("incidents", "confidence", SQLDataType.DOUBLE);
        static final Field<Double> LAT = column("incidents", "lat", SQLDataType.DOUBLE);
        static final Field<Double> LON = column("incidents", "lon", SQLDataType.DOUBLE);
        static final Field<Double> ACCURACY_M = column("incidents", "accuracy_m", SQLDataType.DOUBLE);
        static final Field<Long> H3 = column("incidents", "h3", SQLDataType.BIGINT);
        static final Field<Instant> FIRST_SEEN = column("incidents", "first_seen", INSTANT);
        static final Field<Instant> LAST_SEEN = column("incidents", "last_seen", INSTANT);
        static final Field<Integer> EVENT_COUNT = column("incidents", "event_count", SQLDataType.INTEGER);
        static final Field<String> SOURCE_CONFIDENCE = column("incidents", "source_confidence", SQLDataType.CLOB);
        static final Field<String> VERDICT_BY = column("incidents", "verdict_by", SQLDataType.CLOB);
        static final Field<Instant> VERDICT_AT = column("incidents", "verdict_at", INSTANT);
        static final Field<String> VERDICT_REASON = column("incidents", "verdict_reason", SQLDataType.CLOB);
        static final Field<Long> VERSION = column("incidents", "version", SQLDataType.BIGINT);
        static final Field<Instant> UPDATED_AT = column("incidents", "updated_at", INSTANT);
        static final Field<String> COMPOSITE = column("incidents", "composite", SQLDataType.CLOB);
        static final Field<String> MEMBER_KINDS = column("incidents", "member_kinds", SQLDataType.CLOB);
        static final Field<String> PRIORITY_EXPLANATION = column("incidents", "priority_explanation", SQLDataType.CLOB);
        static final Field<IncidentId> MERGED_INTO = column("incidents", "merged_into", Tables.INCIDENT_ID);
        static final Field<String> REGROUPINGS = column("incidents", "regroupings", SQLDataType.CLOB);
        static final Field<DismissalReason> VERDICT_REASON_CODE = column("incidents", "verdict_reason_code",
                DISMISSAL_REASON);
        static final List<Field<?>> ALL = List.of(ID, TYPE, STATUS, PRIORITY, SEVERITY, CONFIDENCE, LAT, LON,
                ACCURACY_M, H3, FIRST_SEEN, LAST_SEEN, EVENT_COUNT, SOURCE_CONFIDENCE, VERDICT_BY, VERDICT_AT,
                VERDICT_REASON, VERSION, UPDATED_AT, COMPOSITE, MEMBER_KINDS, PRIORITY_EXPLANATION, MERGED_INTO,
                REGROUPINGS, VERDICT_REASON_CODE);

        private Incidents() {
        }
    }

    static final class IncidentHistory {
        static final Table<?> TABLE = table(name("incident_history"));
        static final Field<IncidentId> INCIDENT_ID = column("incident_history", "incident_id", Tables.INCIDENT_ID);
        static final Field<Long> VERSION = column("incident_history", "version", SQLDataType.BIGINT);
        static final Field<IncidentStatus> STATUS = column("incident_history", "status", Tables.STATUS);
        static final Field<String> BY = column("incident_history", "by_whom", SQLDataType.CLOB);
        static final Field<Instant> AT = column("incident_history", "at", INSTANT);
        static final Field<DismissalReason> REASON_CODE = column("incident_history", "reason_code", DISMISSAL_REASON);
        static final Field<String> REASON = column("incident_history", "reason", SQLDataType.CLOB);

        private IncidentHistory() {
        }
    }

    static final class IncidentEvents {
        static final Table<?> TABLE = table(name("incident_events"));
        static final Field<IncidentId> INCIDENT_ID = column("incident_events", "incident_id", Tables.INCIDENT_ID);
        static final Field<EventId> EVENT_ID = column("incident_events", "event_id", Tables.EVENT_ID);
        static final Field<Integer> ORDINAL = column("incident_events", "ordinal", SQLDataType.INTEGER);

        private IncidentEvents() {
        }
    }

    static final class SourceVerdicts {
        static final Table<?> TABLE = table(name("source_verdicts"));
        static final Field<String> SOURCE = column("source_verdicts", "source", SQLDataType.CLOB);
        static final Field<Long> CONFIRMED = column("source_verdicts", "confirmed", SQLDataType.BIGINT);
        static final Field<Long> DISMISSED = column("source_verdicts", "dismissed", SQLDataType.BIGINT);

        private SourceVerdicts() {
        }
    }

    static final class Decisions {
        static final Table<?> TABLE = table(name("incident_decisions"));
        static final Field<IncidentId> INCIDENT_ID = column("incident_decisions", "incident_id", Tables.INCIDENT_ID);
        static final Field<Boolean> CONFIRMED = column("incident_decisions", "confirmed", SQLDataType.BOOLEAN);
        static final Field<Instant> DECIDED_AT = column("incident_decisions", "decided_at", INSTANT);
        static final Field<String> REASON = column("incident_decisions", "reason", SQLDataType.CLOB);

        private Decisions() {
        }
    }

    static final class Evaluations {
        static final Table<?> TABLE = table(name("evaluations"));
        static final Field<String> ID = column("evaluations", "id", SQLDataType.CLOB);
        static final Field<String> DETECTOR = column("evaluations", "detector", SQLDataType.CLOB);
        static final Field<String> VERSION = column("evaluations", "version", SQLDataType.CLOB);
        static final Field<String> DATASET = column("evaluations", "dataset", SQLDataType.CLOB);
        static final Field<Instant> RUN_AT = column("evaluations", "run_at", INSTANT);
        static final Field<Instant> RECORDED_AT = column("evaluations", "recorded_at", INSTANT);
        static final Field<String> CLASSES = column("evaluations", "classes", SQLDataType.CLOB);

        private Evaluations() {
        }
    }

    static final class VideoCounts {
        static final Table<?> TABLE = table(name("video_counts"));
        static final Field<String> CAMERA = column("video_counts", "camera", SQLDataType.CLOB);
        static final Field<Instant> MINUTE_START = column("video_counts", "minute_start", INSTANT);
        static final Field<String> PLACE = column("video_counts", "place", SQLDataType.CLOB);
        static final Field<String> MEASURE = column("video_counts", "measure", SQLDataType.CLOB);
        static final Field<String> OBJECTS = column("video_counts", "objects", SQLDataType.CLOB);
        static final Field<Long> AMOUNT = column("video_counts", "amount", SQLDataType.BIGINT);

        private VideoCounts() {
        }
    }

    static final class VideoCountsDaily {
        static final Table<?> TABLE = table(name("video_counts_daily"));
        static final Field<String> CAMERA = column("video_counts_daily", "camera", SQLDataType.CLOB);
        static final Field<Instant> DAY_START = column("video_counts_daily", "day_start", INSTANT);
        static final Field<String> PLACE = column("video_counts_daily", "place", SQLDataType.CLOB);
        static final Field<String> MEASURE = column("video_counts_daily", "measure", SQLDataType.CLOB);
        static final Field<String> OBJECTS = column("video_counts_daily", "objects", SQLDataType.CLOB);
        static final Field<Long> AMOUNT = column("video_counts_daily", "amount", SQLDataType.BIGINT);

        private VideoCountsDaily() {
        }
    }

    static final class StepsDone {
        static final Table<?> TABLE = table(name("procedure_steps_done"));
        static final Field<IncidentId> INCIDENT_ID = column("procedure_steps_done", "incident_id", Tables.INCIDENT_ID);
        static final Field<String> STEP = column("procedure_steps_done", "step", SQLDataType.CLOB);
        static final Field<String> DONE_BY = column("procedure_steps_done", "done_by", SQLDataType.CLOB);
        static final Field<Instant> DONE_AT = column("procedure_steps_done", "done_at", INSTANT);

        private StepsDone() {
        }
    }

    static final class Quarantine {
        static final Table<?> TABLE = table(name("quarantine"));
        static final Field<String> ID = column("quarantine", "id", SQLDataType.CLOB);
        static final Field<Instant> RECEIVED_AT = column("quarantine", "received_at", INSTANT);
        static final Field<String> CHANNEL = column("quarantine", "channel", SQLDataType.CLOB);
        static final Field<String> REASON = column("quarantine", "reason", SQLDataType.CLOB);
        static final Field<String> RAW = column("quarantine", "raw", SQLDataType.CLOB);

        private Quarantine() {
        }
    }

    static final class Accounts {
        static final Table<?> TABLE = table(name("accounts"));
        static final Field<String> NAME = column("accounts", "name", SQLDataType.CLOB);
        static final Field<String> PASSWORD_HASH = column("accounts", "password_hash", SQLDataType.CLOB);
        static final Field<String> ROLE = column("accounts", "role", SQLDataType.CLOB);
        static final Field<Instant> CREATED_AT = column("accounts", "created_at", INSTANT);
        static final Field<Integer> DISABLED = column("accounts", "disabled", SQLDataType.INTEGER);

        private Accounts() {
        }
    }

    static final class AuditLog {
        static final Table<?> TABLE = table(name("audit_log"));
        static final Field<Long> SEQ = column("audit_log", "seq", SQLDataType.BIGINT);
        /** Raw microseconds: the hash covers the stored number, not a value a converter rounded. */
        static final Field<Long> AT = column("audit_log", "at", SQLDataType.BIGINT);
        static final Field<String> ACTOR = column("audit_log", "actor", SQLDataType.CLOB);
        static final Field<String> ROLE = column("audit_log", "role", SQLDataType.CLOB);
        static final Field<String> ACTION = column("audit_log", "action", SQLDataType.CLOB);
        static final Field<String> TARGET = column("audit_log", "target", SQLDataType.CLOB);
        static final Field<String> DETAIL = column("audit_log", "detail", SQLDataType.CLOB);
        static final Field<String> PREV_HASH = column("audit_log", "prev_hash", SQLDataType.CLOB);
        static final Field<String> HASH = column("audit_log", "hash", SQLDataType.CLOB);
        static final List<Field<?>> ALL = List.of(SEQ, AT, ACTOR, ROLE, ACTION, TARGET, DETAIL, PREV_HASH, HASH);

        private AuditLog() {
        }
    }

    static final class Sessions {
        static final Table<?> TABLE = table(name("sessions"));
        static final Field<String> TOKEN_HASH = column("sessions", "token_hash", SQLDataType.CLOB);
        static final Field<String> USER_NAME = column("sessions", "user_name", SQLDataType.CLOB);
        static final Field<String> ROLE = column("sessions", "role", SQLDataType.CLOB);
        static final Field<String> CSRF = column("sessions", "csrf", SQLDataType.CLOB);
        static final Field<Instant> CREATED_AT = column("sessions", "created_at", INSTANT);
        static final Field<Instant> LAST_USED = column("sessions", "last_used", INSTANT);

        private Sessions() {
        }
    }

    static final class EventAggregates {
        static final Table<?> TABLE = table(name("event_aggregates"));
        static final Field<String> DAY = column("event_aggregates", "day", SQLDataType.CLOB);
        static final Field<Long> CELL = column("event_aggregates", "cell", SQLDataType.BIGINT);
        static final Field<EventType> TYPE = column("event_aggregates", "type", EVENT_TYPE);
        static final Field<SourceKind> SOURCE_KIND = column("event_aggregates", "source_kind", Tables.SOURCE_KIND);
        static final Field<Long> EVENTS = column("event_aggregates", "events", SQLDataType.BIGINT);

        private EventAggregates() {
        }
    }

    private static <T> Field<T> column(String table, String column, DataType<T> type) {
        return field(name(table, column), type);
    }

    /**
     * Microseconds since the epoch: the precision of PostgreSQL timestamps, and ±292,000 years of range in a
     * BIGINT. Finer digits are dropped (floor), so a stored instant never moves after the original.
     */
    static long microsOf(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("instant " + instant + " is outside the range the store keeps "
                    + "(microseconds since 1970 in 64 bits, about ±292,000 years)", e);
        }
    }

    static Instant instantOf(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** Enumerations are stored by their JSON names; an unknown name means a newer writer or a hand edit. */
    private static <E extends Enum<E>> DataType<E> jsonNamed(Class<E> type, Function<E, String> toName,
                                                           Function<String, E> fromName) {
        return SQLDataType.CLOB.asConvertedDataType(Converter.ofNullable(String.class, type, s -> {
            E value = fromName.apply(s);
            if (value == null) {
                throw new StoreException("the store holds " + type.getSimpleName() + " '" + s
                        + "', which this version of Vigie does not know");
            }
            return value;
        }, toName));
    }
}
