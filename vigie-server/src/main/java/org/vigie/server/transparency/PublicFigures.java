package org.vigie.server.transparency;

import static org.vigie.server.transparency.PublicTable.WITHHELD;
import static org.vigie.server.transparency.PublicTable.decimal;
import static org.vigie.server.transparency.PublicTable.money;
import static org.vigie.server.transparency.PublicTable.text;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigie.core.accountability.Bucket;
import org.vigie.core.accountability.CostReport;
import org.vigie.core.accountability.CoverageReport;
import org.vigie.core.accountability.Evaluation;
import org.vigie.core.accountability.Grouping;
import org.vigie.core.accountability.Lorenz;
import org.vigie.core.accountability.QualityReport;
import org.vigie.core.accountability.Range;
import org.vigie.core.accountability.Rate;
import org.vigie.core.accountability.SmallCounts;
import org.vigie.core.accountability.Tally;
import org.vigie.core.json.Json;
import org.vigie.server.transparency.PublicTable.Cell;
import org.vigie.server.transparency.PublicTable.Count;
import org.vigie.store.EvaluationRepository;

/**
 * What the public may see of a period: aggregates only (by incident type, kind of source, week, district, kind of
 * equipment; never a single camera or incident), every count below k shown as {@code "< k"}, and every rate, density
 * or cost per alert withheld when a count it was computed from is suppressed.
 *
 * <p>Complementary suppression is applied once per table: where a row's parts or a column's parts add up to a
 * published total and only one part is hidden, the smallest other part is hidden too. Publishing only fixed
 * calendar periods (months) keeps overlapping windows from being subtracted from each other.
 */
public final class PublicFigures {
    private final SmallCounts k;
    private final Map<String, PublicTable> tables = new LinkedHashMap<>();
    private final ObjectNode extra = Json.MAPPER.createObjectNode();

    /**
     * @param byType   quality by incident type, sliced by week
     * @param bySource quality by kind of source
     */
    public PublicFigures(SmallCounts k, Accountability.Figures figures, QualityReport bySource,
                         List<EvaluationRepository.Stored> evaluations) {
        this.k = k;
        QualityReport byType = figures.quality();
        if (byType.by() != Grouping.TYPE || byType.bucket() != Bucket.WEEK || bySource.by() != Grouping.SOURCE) {
            throw new IllegalArgumentException("public figures are by type per week and by kind of source");
        }
        Map<String, Cell> livePrecision = quality(byType, bySource);
        shares(byType);
        causes(byType);
        coverage(figures.coverage());
        costs(figures.costs());
        evaluations(evaluations, livePrecision);
        extra.put("from", figures.period().from().toString()).put("to", figures.period().to().toString());
    }

    public SmallCounts suppression() {
        return k;
    }

    public Map<String, PublicTable> tables() {
        return tables;
    }

    private Count count(long n) {
        return new Count(n, k.hides(n));
    }

    /** Hide flags for alerts, confirmed, dismissed of each row; rows of a partition get column-wise checks too. */
    private boolean[][] hidden(List<Tally> rows, boolean partition) {
        boolean[][] hide = new boolean[rows.size()][3];
        for (int i = 0; i < rows.size(); i++) {
            Tally t = rows.get(i);
            // The undecided part is the alerts minus the other two, so it is a cell of the row even though unshown:
            // a few undecided alerts must not be worked out by subtraction. None undecided (every alert of a month
            // past decided) says nothing about anyone and does not force the others out.
            List<Boolean> cells = t.undecided() == 0 ? k.hidden(List.of(t.confirmed(), t.dismissed()))
                    : k.hidden(List.of(t.confirmed(), t.dismissed(), t.undecided()));
            hide[i][0] = k.hides(t.alerts());
            hide[i][1] = cells.get(0) || hide[i][0];
            hide[i][2] = cells.get(1) || hide[i][0];
        }
        if (partition && rows.size() > 1) {
            for (int col = 0; col < 3; col++) {
                int c = col;
                var values = rows.stream().map(t -> c == 0 ? t.alerts() : c == 1 ? t.confirmed() : t.dismissed()).toList();
                List<Boolean> column = k.hidden(values);
                int alreadyHidden = 0;
                for (int i = 0; i < rows.size(); i++) {
                    alreadyHidden += hide[i][col] ? 1 : 0;
                }
                if (alreadyHidden == 1) {
                    // One hidden cell in a column whose total is published: hide the smallest shown one with it.
                    int smallest = -1;
                    for (int i = 0; i < rows.size(); i++) {
                        if (!hide[i][col] && (smallest < 0 || values.get(i) < values.get(smallest))) {
                            smallest = i;
                        }
                    }
                    if (smallest >= 0) {
                        hide[smallest][col] = true;
                    }
                }
                for (int i = 0; i < rows.size(); i++) {
                    hide[i][col] |= column.get(i);
                }
            }
        }
        return hide;
    }

    private List<Cell> tallyCells(Tally t, boolean[] hide) {
        var cells = new ArrayList<Cell>();
        cells.add(new Count(t.alerts(), hide[0]));
        cells.add(new Count(t.confirmed(), hide[1]));
        cells.add(new Count(t.dismissed(), hide[2]));
        Rate p = t.precision();
        boolean shown = !hide[1] && !hide[2];
        cells.add(shown ? decimal(p.value()) : WITHHELD);
        cells.add(shown ? decimal(p.low()) : WITHHELD);
        cells.add(shown ? decimal(p.high()) : WITHHELD);
        return cells;
    }

    private Map<String, Cell> quality(QualityReport byType, QualityReport bySource) {
        var rows = new ArrayList<List<Cell>>();
        boolean[] overallHide = hidden(List.of(byType.overall()), false)[0];
        rows.add(row("overall", "all", tallyCells(byType.overall(), overallHide)));
        var typeTallies = byType.groups().stream().map(QualityReport.Group::tally).toList();
        boolean[][] typeHide = hidden(typeTallies, true);
        var live = new LinkedHashMap<String, Cell>();
        for (int i = 0; i < typeTallies.size(); i++) {
            List<Cell> cells = tallyCells(typeTallies.get(i), typeHide[i]);
            live.put(byType.groups().get(i).key(), cells.get(3));
            rows.add(row("type", byType.groups().get(i).key(), cells));
        }
        var sourceTallies = bySource.groups().stream().map(QualityReport.Group::tally).toList();
        boolean[][] sourceHide = hidden(sourceTallies, false);
        for (int i = 0; i < sourceTallies.size(); i++) {
            rows.add(row("source", bySource.groups().get(i).key(), tallyCells(sourceTallies.get(i), sourceHide[i])));
        }
        // Weeks of the whole period: each alert once, so they partition the overall figures.
        var weeks = new java.util.TreeMap<java.time.LocalDate, Tally>();
        byType.groups().forEach(g -> g.slices().forEach(s -> weeks.merge(s.start(), s.tally(), Tally::plus)));
        var weekTallies = List.copyOf(weeks.values());
        boolean[][] weekHide = hidden(weekTallies, true);
        int i = 0;
        for (var e : weeks.entrySet()) {
            rows.add(row("week", e.getKey().toString(), tallyCells(e.getValue(), weekHide[i++])));
        }
        add(new PublicTable("quality", List.of("group", "key", "alerts", "confirmed", "dismissed", "precision",
                "precision_low", "precision_high"), rows));
        return live;
    }

    private static List<Cell> row(String group, String key, List<Cell> cells) {
        var r = new ArrayList<Cell>();
        r.add(text(group));
        r.add(text(key));
        r.addAll(cells);
        return r;
    }

    private void shares(QualityReport r) {
        var rows = new ArrayList<List<Cell>>();
        rows.add(share("confirmed_of_alerts", r.overall().confirmedShare()));
        rows.add(share("evidence_opened_of_confirmed", r.evidenceUsed()));
        add(new PublicTable("shares", List.of("measure", "part", "of", "share", "share_low", "share_high"), rows));
    }

    private List<Cell> share(String measure, Rate r) {
        List<Boolean> hide = k.hidden(List.of(r.successes(), r.trials() - r.successes()));
        boolean shown = !hide.get(0) && !hide.get(1);
        return List.of(text(measure), new Count(r.successes(), hide.get(0)), new Count(r.trials(), k.hides(r.trials())),
                shown ? decimal(r.value()) : WITHHELD, shown ? decimal(r.low()) : WITHHELD, shown ? decimal(r.high()) : WITHHELD);
    }

    private void causes(QualityReport r) {
        var rows = new ArrayList<List<Cell>>();
        for (QualityReport.DetectorCauses d : r.causes()) {
            List<Long> counts = d.causes().stream().map(QualityReport.Cause::count).toList();
            List<Boolean> hide = k.hidden(counts);
            for (int i = 0; i < counts.size(); i++) {
                rows.add(List.of(text(d.detector()), text(d.causes().get(i).code()), new Count(counts.get(i), hide.get(i))));
            }
        }
        add(new PublicTable("dismissal_causes", List.of("detector", "cause", "dismissed"), rows));
    }

    private void coverage(CoverageReport c) {
        var rows = new ArrayList<List<Cell>>();
        List<Boolean> incidentsHidden = k.hidden(c.districts().stream().map(CoverageReport.DistrictCoverage::incidents).toList());
        for (int i = 0; i < c.districts().size(); i++) {
            CoverageReport.DistrictCoverage d = c.districts().get(i);
            boolean camerasHidden = k.hides(d.cameras());
            boolean popHidden = k.hides(d.population());
            boolean incHidden = incidentsHidden.get(i);
            rows.add(List.of(text(d.code()), text(d.name()), decimal(d.areaKm2()), new Count(d.population(), popHidden),
                    new Count(d.cameras(), camerasHidden), new Count(d.incidents(), incHidden),
                    camerasHidden ? WITHHELD : decimal(d.camerasPerKm2()),
                    camerasHidden || popHidden ? WITHHELD : decimal(d.camerasPer10k()),
                    incHidden || popHidden ? WITHHELD : decimal(d.incidentsPer10k()),
                    camerasHidden || incHidden ? WITHHELD : decimal(d.camerasPerIncident())));
        }
        add(new PublicTable("coverage", List.of("code", "name", "area_km2", "population", "cameras", "incidents",
                "cameras_per_km2", "cameras_per_10k", "incidents_per_10k", "cameras_per_incident"), rows));
        ObjectNode equity = extra.putObject("equity");
        AccountabilityJson.number(equity, "giniCamerasPopulation", c.byPopulation().gini());
        AccountabilityJson.number(equity, "giniCamerasIncidents", c.byIncidents().gini());
        // The curve against population only: its steps are shares of cameras and of inhabitants, never of incidents.
        ArrayNode curve = equity.putArray("lorenzCamerasPopulation");
        for (Lorenz.Point p : c.byPopulation().points()) {
            curve.addObject().put("district", p.district()).put("populationShare", p.need())
                    .put("cameraShare", p.share());
        }
    }

    private void costs(CostReport c) {
        var rows = new ArrayList<List<Cell>>();
        Tally all = c.alerts();
        rows.add(costRow("all", "all", null, null, c.total(), all, c.perAlert(), c.perConfirmed()));
        for (CostReport.KindCost kc : c.kinds()) {
            rows.add(costRow("equipment", kc.kind().jsonName(), count(kc.units()), kc.perUnitYear(), kc.total(), kc.alerts(),
                    kc.perAlert(), kc.perConfirmed()));
        }
        for (CostReport.DistrictCost d : c.districts()) {
            rows.add(costRow("district", d.code(), count(d.cameras()), null, d.total(), d.alerts(), d.perAlert(),
                    d.perConfirmed()));
        }
        add(new PublicTable("costs", List.of("scope", "key", "units", "per_unit_year_low", "per_unit_year_high",
                "total_low", "total_high", "per_alert_low", "per_alert_high", "per_confirmed_low", "per_confirmed_high"), rows));
        extra.put("years", c.years());
    }

    private List<Cell> costRow(String scope, String key, Count units, Range perUnitYear, Range total, Tally t,
                               Range perAlert, Range perConfirmed) {
        boolean alertsHidden = k.hides(t.alerts());
        boolean confirmedHidden = k.hides(t.confirmed());
        // A district's or kind's total includes staff time in proportion to its alerts: withheld with them.
        boolean totalHidden = !scope.equals("all") && (alertsHidden || units != null && units.hidden());
        var r = new ArrayList<Cell>();
        r.add(text(scope));
        r.add(text(key));
        r.add(units == null ? text("") : units);
        r.add(perUnitYear == null ? text("") : money(perUnitYear.low()));
        r.add(perUnitYear == null ? text("") : money(perUnitYear.high()));
        r.add(totalHidden ? WITHHELD : money(total.low()));
        r.add(totalHidden ? WITHHELD : money(total.high()));
        r.add(alertsHidden || totalHidden ? WITHHELD : money(perAlert.low()));
        r.add(alertsHidden || totalHidden ? WITHHELD : money(perAlert.high()));
        r.add(confirmedHidden || totalHidden ? WITHHELD : money(perConfirmed.low()));
        r.add(confirmedHidden || totalHidden ? WITHHELD : money(perConfirmed.high()));
        return r;
    }

    private void evaluations(List<EvaluationRepository.Stored> evaluations, Map<String, Cell> livePrecision) {
        var rows = new ArrayList<List<Cell>>();
        for (EvaluationRepository.Stored s : evaluations) {
            Evaluation e = s.evaluation();
            e.classes().forEach((name, sc) -> rows.add(List.of(text(e.detector()), text(e.version()), text(e.dataset()),
                    text(e.runAt().toString()), text(name), decimal(sc.precision()), decimal(sc.recall()), decimal(sc.f1()),
                    count(sc.support()), livePrecision.getOrDefault(name, text("")))));
        }
        add(new PublicTable("evaluations", List.of("detector", "version", "dataset", "run_at", "class", "precision",
                "recall", "f1", "examples", "live_precision"), rows));
    }

    private void add(PublicTable t) {
        tables.put(t.name(), t);
    }

    /** {@code {"k", "from", "to", "years", "equity": {...}, "tables": {name: {"columns": [...], "rows": [[...]]}}}}. */
    public ObjectNode json() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("k", k.k()).put("mask", k.mask());
        o.setAll(extra);
        ObjectNode ts = o.putObject("tables");
        for (PublicTable t : tables.values()) {
            ObjectNode tn = ts.putObject(t.name());
            ArrayNode cols = tn.putArray("columns");
            t.columns().forEach(cols::add);
            ArrayNode rows = tn.putArray("rows");
            for (List<Cell> r : t.rows()) {
                ArrayNode rn = rows.addArray();
                for (Cell c : r) {
                    switch (c) {
                        case Count n when n.hidden() -> rn.add(k.mask());
                        case Count n -> rn.add(n.n());
                        case PublicTable.Decimal d when Double.isNaN(d.v()) || Double.isInfinite(d.v()) -> rn.addNull();
                        case PublicTable.Decimal d -> rn.add(d.v());
                        case PublicTable.Text t2 -> rn.add(t2.s());
                        case PublicTable.Withheld w -> rn.add(k.mask());
                    }
                }
            }
        }
        return o;
    }
}
