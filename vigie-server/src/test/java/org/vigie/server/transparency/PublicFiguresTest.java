package org.vigie.server.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vigie.core.accountability.AccountabilitySettings;
import org.vigie.core.accountability.Alert;
import org.vigie.core.accountability.CostModel;
import org.vigie.core.accountability.Decision;
import org.vigie.core.accountability.EvidenceUse;
import org.vigie.core.accountability.SmallCounts;
import org.vigie.core.geo.Marseille;
import org.vigie.core.model.EventType;
import org.vigie.core.model.IncidentId;

/** Which cells are suppressed, on a month small enough to work out by hand. */
class PublicFiguresTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static List<Alert> alerts(EventType type, int confirmed, int dismissed, List<Alert> into) {
        for (int i = 0; i < confirmed + dismissed; i++) {
            Instant at = Instant.parse("2026-11-10T10:00:00Z");
            into.add(new Alert(IncidentId.parse(new UUID(type.ordinal(), into.size()).toString()), type, null, at, 43.2965, 5.3698,
                    Set.of("camera/cam-1"), Set.of("camera/" + type.jsonName()), new Decision(i < confirmed, at, "")));
        }
        return into;
    }

    /**
     * Fire 20 alerts (15 confirmed, 5 dismissed), gunshot 8 (5, 3), glass breaking 2 (2, 0); k = 5. Gunshot's 3
     * dismissals are hidden, so its 5 confirmations are too (8 − 5 would give them back); glass breaking's 2
     * alerts are hidden, so the next smallest in that column, gunshot's 8, is too (30 − 20 − 8). Fire is shown
     * whole, with its precision.
     */
    @Test
    void smallCellsAndTheCellsThatWouldGiveThemBackAreHidden() {
        var list = new ArrayList<Alert>();
        alerts(EventType.FIRE, 15, 5, list);
        alerts(EventType.GUNSHOT, 5, 3, list);
        alerts(EventType.GLASS_BREAK, 2, 0, list);
        AlertSource source = new AlertSource() {
            @Override
            public List<Alert> alerts(Instant from, Instant to) {
                return list;
            }

            @Override
            public int feedCount(Instant from, Instant to) {
                return 0;
            }
        };
        var settings = new AccountabilitySettings(CostModel.defaults(), Map.of(), List.of(), new SmallCounts(5));
        var routes = new TransparencyRoutes(new Accountability(source, null, Marseille.approximateCity(), settings, PARIS,
                EvidenceUse.none()), Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC));
        PublicFigures f = routes.publicFigures(YearMonth.of(2026, 11));
        String csv = f.tables().get("quality").csv("< 5");
        assertThat(csv).contains("overall,all,30,22,8,0.7333,");
        assertThat(csv).contains("type,fire,20,15,5,0.7500,");
        assertThat(csv).contains("type,gunshot,< 5,< 5,< 5,< 5,< 5,< 5");
        assertThat(csv).contains("type,glass_break,< 5,< 5,< 5,< 5,< 5,< 5");
        assertThat(csv).contains("source,camera,30,22,8,0.7333,");
        String shares = f.tables().get("shares").csv("< 5");
        // Evidence opened for none of 22 confirmed: 0 is a small count too, and 22 − 0 would give it back.
        assertThat(shares).contains("evidence_opened_of_confirmed,< 5,22,< 5,< 5,< 5");
    }
}
