package org.vigie.feeds.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigie.core.geo.City;
import org.vigie.core.geo.CityGeoJson;
import org.vigie.core.geo.District;
import org.vigie.core.geo.Marseille;
import org.vigie.core.json.Json;
import org.vigie.core.model.Event;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;

/**
 * Lambert-93 (EPSG:2154) to WGS84 through proj4j, checked against the projection's own definition: the IGN's
 * Lambert conformal conic formulas on GRS80 (RGF93 and WGS84 coincide at this precision), written out here
 * independently of proj4j.
 */
class Lambert93Test {
    private static final String MAPPING = """
            format: {kind: csv, delimiter: ";", decimal: ","}
            source: police
            record: {id: id}
            occurred-at: {column: t, formats: [iso], zone: Europe/Paris}
            location: {x: x, y: y, crs: EPSG:2154, accuracy-m: 10}
            type: other
            confidence: 1
            """;
    private static final FeedContext CONTEXT = new FeedContext("l93", Instant.parse("2026-11-29T06:00:00Z"));

    /** Forward Lambert-93: (lat, lon) in degrees → (E, N) in metres. IGN ALG0003/ALG0019 with the EPSG:2154 constants. */
    static double[] lambert93(double latDeg, double lonDeg) {
        double a = 6378137.0;
        double f = 1 / 298.257222101;
        double e = Math.sqrt(2 * f - f * f);
        double phi1 = Math.toRadians(44);
        double phi2 = Math.toRadians(49);
        double phi0 = Math.toRadians(46.5);
        double n = (Math.log(m(phi1, e)) - Math.log(m(phi2, e))) / (Math.log(t(phi1, e)) - Math.log(t(phi2, e)));
        double big = m(phi1, e) / (n * Math.pow(t(phi1, e), n));
        double r0 = a * big * Math.pow(t(phi0, e), n);
        double r = a * big * Math.pow(t(Math.toRadians(latDeg), e), n);
        double theta = n * (Math.toRadians(lonDeg) - Math.toRadians(3));
        return new double[] {700_000 + r * Math.sin(theta), 6_600_000 + r0 - r * Math.cos(theta)};
    }

    private static double m(double phi, double e) {
        return Math.cos(phi) / Math.sqrt(1 - e * e * Math.sin(phi) * Math.sin(phi));
    }

    private static double t(double phi, double e) {
        return Math.tan(Math.PI / 4 - phi / 2) / Math.pow((1 - e * Math.sin(phi)) / (1 + e * Math.sin(phi)), e / 2);
    }

    private static FeedBatch parse(String csv) throws Exception {
        var format = new TabularFormat(TabularMappings.parse("l93.yaml", MAPPING, "l93"), null);
        return format.parse(csv.getBytes(StandardCharsets.UTF_8), CONTEXT);
    }

    private static String row(String id, double x, double y) {
        return id + ";2026-11-28T12:00:00+01:00;" + String.format(Locale.FRANCE, "%.3f;%.3f", x, y).replace('\u202f', ' ')
                .replace('\u00a0', ' ') + "\n";
    }

    @Test
    void theProjectionOriginIsWhereItsDefinitionPutsIt() throws Exception {
        FeedBatch b = parse("id;t;x;y\n" + row("origin", 700_000, 6_600_000));
        Event e = b.events().get(0);
        assertThat(e.location().lat()).isCloseTo(46.5, within(1e-9));
        assertThat(e.location().lon()).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void marseilleVieuxPortAndOtherLandmarksComeBackWithinACentimetre() throws Exception {
        double[][] places = {
            {43.2951, 5.3739}, // Vieux-Port, quai des Belges
            {43.2840, 5.3712}, // Notre-Dame de la Garde
            {43.3027, 5.3806}, // Gare Saint-Charles
            {43.2698, 5.3959}, // Stade Vélodrome
            {43.2967, 5.3610}, // MuCEM
        };
        var csv = new StringBuilder("id;t;x;y\n");
        for (int i = 0; i < places.length; i++) {
            double[] xy = lambert93(places[i][0], places[i][1]);
            csv.append(row("p" + i, xy[0], xy[1]));
        }
        // The Vieux-Port in Lambert-93 as the formulas give it, to the millimetre.
        double[] vieuxPort = lambert93(43.2951, 5.3739);
        assertThat(vieuxPort[0]).isCloseTo(892_727.65, within(0.01));
        assertThat(vieuxPort[1]).isCloseTo(6_246_889.69, within(0.01));
        FeedBatch b = parse(csv.toString());
        assertThat(b.events()).hasSize(places.length);
        for (int i = 0; i < places.length; i++) {
            Event e = b.events().get(i);
            // 1e-7 degree is about a centimetre; the CSV keeps millimetres.
            assertThat(e.location().lat()).as("lat of place %d", i).isCloseTo(places[i][0], within(1e-7));
            assertThat(e.location().lon()).as("lon of place %d", i).isCloseTo(places[i][1], within(1e-7));
        }
    }

    @Test
    void theVieuxPortLandsInTheRightArrondissementOfTheOfficialBoundaries() throws Exception {
        Path geojson = Path.of(System.getProperty("vigie.root", "..")).resolve("../shared/data")
                .resolve("geo/marseille-16-arrondissements.geojson");
        City city = CityGeoJson.read("Marseille", Json.MAPPER.readTree(Files.readString(geojson)), "code", "nom",
                Marseille.populations());
        // The Hôtel de Ville, on the north quay of the Vieux-Port (2e); the Canebière at the Bourse (1er).
        double[] hotelDeVille = lambert93(43.29620, 5.36990);
        double[] bourse = lambert93(43.29760, 5.37750);
        FeedBatch b = parse("id;t;x;y\n" + row("hdv", hotelDeVille[0], hotelDeVille[1]) + row("bourse", bourse[0], bourse[1]));
        assertThat(city.findDistrict(b.events().get(0).location().lat(), b.events().get(0).location().lon()))
                .map(District::code).contains("13202");
        assertThat(city.findDistrict(b.events().get(1).location().lat(), b.events().get(1).location().lon()))
                .map(District::code).contains("13201");
    }

    @Test
    void randomPointsAcrossFranceRoundTripWithinACentimetre() throws Exception {
        var random = new Random(2154);
        var csv = new StringBuilder("id;t;x;y\n");
        double[][] points = new double[500][];
        for (int i = 0; i < points.length; i++) {
            points[i] = new double[] {42.3 + random.nextDouble() * 8.8, -4.8 + random.nextDouble() * 13.0};
            double[] xy = lambert93(points[i][0], points[i][1]);
            csv.append(row("r" + i, xy[0], xy[1]));
        }
        FeedBatch b = parse(csv.toString());
        assertThat(b.rejected()).isEmpty();
        for (int i = 0; i < points.length; i++) {
            assertThat(b.events().get(i).location().lat()).isCloseTo(points[i][0], within(1e-7));
            assertThat(b.events().get(i).location().lon()).isCloseTo(points[i][1], within(1e-7));
        }
    }

    @Test
    void coordinatesThatAreNotLambert93AreRejectedNotInvented() throws Exception {
        FeedBatch b = parse("id;t;x;y\n"
                + "wgs84;2026-11-28T12:00:00+01:00;5,3739;43,2951\n"     // degrees in the projected columns
                + "swapped;2026-11-28T12:00:00+01:00;6246889,69;892727,65\n"
                + "huge;2026-11-28T12:00:00+01:00;1e300;1e300\n");
        // Degrees written in metre columns, or x and y swapped, still convert to some place on Earth (off Africa,
        // in Asia): only bounds can tell, and with the city's bounds they are rejected. A value far outside the
        // projection's domain does not convert back, and is rejected even without bounds.
        var withBounds = new TabularFormat(TabularMappings.parse("l93.yaml", MAPPING, "l93"), Marseille.approximateCity().bounds());
        FeedBatch bounded = withBounds.parse(("id;t;x;y\n"
                + "wgs84;2026-11-28T12:00:00+01:00;5,3739;43,2951\n"
                + "swapped;2026-11-28T12:00:00+01:00;6246889,69;892727,65\n").getBytes(StandardCharsets.UTF_8), CONTEXT);
        assertThat(bounded.events()).isEmpty();
        assertThat(bounded.rejected()).allSatisfy(r -> assertThat(r.reason()).contains("outside the city's bounds"));
        assertThat(b.events().size() + b.rejected().size()).isEqualTo(3);
        assertThat(b.rejected()).singleElement().satisfies(r -> {
            assertThat(r.ref()).isEqualTo("line 4");
            assertThat(r.reason()).contains("x/y '1e300', '1e300' is not a point of EPSG:2154");
        });
    }
}
