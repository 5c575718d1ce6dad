package org.vigie.server.transparency;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.vigie.core.accountability.CostReport;
import org.vigie.core.accountability.CoverageReport;
import org.vigie.core.accountability.Evaluation;
import org.vigie.core.accountability.Lorenz;
import org.vigie.core.accountability.QualityReport;
import org.vigie.core.accountability.Range;
import org.vigie.core.accountability.Rate;
import org.vigie.core.accountability.Tally;
import org.vigie.core.json.Json;
import org.vigie.store.EvaluationRepository;

/** The full figures as JSON, for staff (counts as they are; the public page goes through {@link PublicFigures}). */
public final class AccountabilityJson {
    private AccountabilityJson() {
    }

    static void number(ObjectNode o, String name, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    static ObjectNode rate(Rate r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("successes", r.successes()).put("trials", r.trials());
        number(o, "value", r.value());
        number(o, "low", r.low());
        number(o, "high", r.high());
        return o;
    }

    static ObjectNode range(Range r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        number(o, "low", r.low());
        number(o, "high", r.high());
        return o;
    }

    static ObjectNode tally(ObjectNode o, Tally t) {
        o.put("alerts", t.alerts()).put("confirmed", t.confirmed()).put("dismissed", t.dismissed())
                .put("undecided", t.undecided());
        o.set("precision", rate(t.precision()));
        o.set("confirmedShare", rate(t.confirmedShare()));
        return o;
    }

    /**
     * @param evaluations latest offline results per class, shown beside the live precision of the key with the
     *                    class's name (by type)
     */
    public static ObjectNode quality(QualityReport r, List<EvaluationRepository.Stored> evaluations) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("from", r.from().toString()).put("to", r.to().toString()).put("by", r.by().jsonName())
                .put("bucket", r.bucket().jsonName());
        tally(o.putObject("overall"), r.overall());
        o.set("evidenceUsed", rate(r.evidenceUsed()));
        ArrayNode groups = o.putArray("groups");
        for (QualityReport.Group g : r.groups()) {
            ObjectNode go = tally(groups.addObject().put("key", g.key()), g.tally());
            ArrayNode slices = go.putArray("slices");
            g.slices().forEach(s -> tally(slices.addObject().put("start", s.start().toString()), s.tally()));
            ArrayNode offline = go.putArray("evaluations");
            for (EvaluationRepository.Stored s : evaluations) {
                Evaluation.Scores sc = s.evaluation().classes().get(g.key());
                if (sc != null) {
                    offline.add(evaluation(s.id(), s.evaluation(), Map.of(g.key(), sc)));
                }
            }
        }
        ArrayNode causes = o.putArray("dismissalCauses");
        for (QualityReport.DetectorCauses d : r.causes()) {
            ObjectNode dn = causes.addObject().put("detector", d.detector()).put("dismissed", d.dismissed());
            ArrayNode list = dn.putArray("causes");
            d.causes().forEach(c -> list.addObject().put("code", c.code()).put("count", c.count()));
        }
        return o;
    }

    public static ObjectNode evaluation(String id, Evaluation e, Map<String, Evaluation.Scores> classes) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", id).put("detector", e.detector()).put("version", e.version()).put("dataset", e.dataset())
                .put("runAt", e.runAt().toString());
        ObjectNode cs = o.putObject("classes");
        classes.forEach((name, s) -> cs.putObject(name).put("precision", s.precision()).put("recall", s.recall())
                .put("f1", s.f1()).put("support", s.support()));
        return o;
    }

    public static ObjectNode costs(CostReport r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("years", r.years());
        o.set("staff", range(r.staff()));
        o.set("total", range(r.total()));
        tally(o.putObject("alerts"), r.alerts());
        o.set("perAlert", range(r.perAlert()));
        o.set("perConfirmed", range(r.perConfirmed()));
        ArrayNode kinds = o.putArray("kinds");
        for (CostReport.KindCost k : r.kinds()) {
            ObjectNode kn = kinds.addObject().put("kind", k.kind().jsonName()).put("units", k.units());
            kn.set("perUnitYear", range(k.perUnitYear()));
            kn.set("perUnitYearBought", range(k.perUnitYearBought()));
            kn.set("perUnitYearRented", range(k.perUnitYearRented()));
            kn.set("equipment", range(k.equipment()));
            kn.set("staff", range(k.staff()));
            kn.set("total", range(k.total()));
            tally(kn.putObject("alerts"), k.alerts());
            kn.set("perAlert", range(k.perAlert()));
            kn.set("perConfirmed", range(k.perConfirmed()));
        }
        ArrayNode districts = o.putArray("districts");
        for (CostReport.DistrictCost d : r.districts()) {
            ObjectNode dn = districts.addObject().put("code", d.code()).put("name", d.name()).put("cameras", d.cameras())
                    .put("sensors", d.sensors());
            dn.set("equipment", range(d.equipment()));
            dn.set("staff", range(d.staff()));
            dn.set("total", range(d.total()));
            tally(dn.putObject("alerts"), d.alerts());
            dn.set("perAlert", range(d.perAlert()));
            dn.set("perConfirmed", range(d.perConfirmed()));
        }
        return o;
    }

    public static ObjectNode coverage(CoverageReport r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("outsideCameras", r.outsideCameras()).put("outsideSensors", r.outsideSensors());
        ArrayNode districts = o.putArray("districts");
        for (CoverageReport.DistrictCoverage d : r.districts()) {
            ObjectNode dn = districts.addObject().put("code", d.code()).put("name", d.name()).put("areaKm2", d.areaKm2())
                    .put("population", d.population()).put("cameras", d.cameras()).put("sensors", d.sensors())
                    .put("incidents", d.incidents());
            number(dn, "camerasPerKm2", d.camerasPerKm2());
            number(dn, "camerasPer10k", d.camerasPer10k());
            number(dn, "incidentsPer10k", d.incidentsPer10k());
            number(dn, "camerasPerIncident", d.camerasPerIncident());
        }
        o.set("byPopulation", lorenz(r.byPopulation()));
        o.set("byIncidents", lorenz(r.byIncidents()));
        return o;
    }

    static ObjectNode lorenz(Lorenz l) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        number(o, "gini", l.gini());
        ArrayNode points = o.putArray("points");
        l.points().forEach(p -> points.addObject().put("district", p.district()).put("need", p.need()).put("share", p.share()));
        return o;
    }
}
