package org.vigie.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.Main;
import org.vigie.core.accountability.AccountabilitySettings;
import org.vigie.core.accountability.Alert;
import org.vigie.core.accountability.CostModel;
import org.vigie.core.accountability.Decision;
import org.vigie.core.accountability.Equipment;
import org.vigie.core.accountability.EquipmentKind;
import org.vigie.core.accountability.EvidenceUse;
import org.vigie.core.accountability.SmallCounts;
import org.vigie.core.geo.City;
import org.vigie.core.geo.Marseille;
import org.vigie.core.model.DismissalReason;
import org.vigie.core.model.EventType;
import org.vigie.core.model.IncidentId;
import org.vigie.server.transparency.Accountability;
import org.vigie.server.transparency.AlertSource;
import org.vigie.server.transparency.Period;

/** The report as HTML and PDF; the PDF is rendered back to pictures with PDFBox and every page must show something. */
class TransparencyReportTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Period NOVEMBER = new Period(Instant.parse("2026-10-31T23:00:00Z"), Instant.parse("2026-11-30T23:00:00Z"));

    @TempDir
    Path dir;

    private static Accountability accountability() {
        City city = Marseille.approximateCity();
        var random = new Random(11);
        var equipment = new ArrayList<Equipment>();
        for (int i = 0; i < 40; i++) {
            var a = Marseille.ARRONDISSEMENTS.get(random.nextInt(6));
            equipment.add(new Equipment(EquipmentKind.CAMERA, "cam-" + i, a.lat(), a.lon()));
        }
        var alerts = new ArrayList<Alert>();
        EventType[] types = {EventType.FIRE, EventType.ABANDONED_OBJECT, EventType.GUNSHOT, EventType.PERSON_DOWN};
        for (int i = 0; i < 400; i++) {
            var a = Marseille.ARRONDISSEMENTS.get(random.nextInt(16));
            EventType type = types[random.nextInt(types.length)];
            Instant at = NOVEMBER.from().plusSeconds(random.nextInt(29 * 86_400));
            Decision d = random.nextInt(3) == 0 ? new Decision(false, at, DismissalReason.REFLECTION.reasonText(""))
                    : new Decision(true, at, "");
            alerts.add(new Alert(IncidentId.parse(new UUID(1, i).toString()), type, null, at, a.lat(), a.lon(),
                    Set.of("camera/cam-" + random.nextInt(40)), Set.of("camera/" + type.jsonName()), d));
        }
        AlertSource source = new AlertSource() {
            @Override
            public List<Alert> alerts(Instant from, Instant to) {
                return alerts;
            }

            @Override
            public int feedCount(Instant from, Instant to) {
                return 2;
            }
        };
        var settings = new AccountabilitySettings(CostModel.defaults(), Map.of(), equipment, new SmallCounts(5));
        return new Accountability(source, null, city, settings, PARIS, EvidenceUse.unknown());
    }

    @Test
    void pdfPagesRenderAndAreNotBlank() throws IOException {
        Path pdf = dir.resolve("report.pdf");
        int[] steps = {0};
        ReportCommand.write(accountability(), NOVEMBER, pdf, "Vigie transparency report, November 2026", () -> steps[0]++);
        assertThat(steps[0]).isEqualTo(ReportCommand.Transparency.STEPS);
        try (var doc = Loader.loadPDF(pdf.toFile())) {
            assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(3);
            var renderer = new PDFRenderer(doc);
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                BufferedImage page = renderer.renderImageWithDPI(i, 36);
                assertThat(inkedShare(page)).as("page %d", i + 1).isGreaterThan(0.002);
            }
            // Charts are pictures: the first pages hold images, not only text.
            assertThat(doc.getPage(0).getResources().getXObjectNames()).isNotEmpty();
        }
    }

    @Test
    void htmlEmbedsItsChartsAndSuppressesSmallCounts() throws IOException {
        Path html = dir.resolve("report.html");
        ReportCommand.write(accountability(), NOVEMBER, html, "Vigie transparency report", () -> { });
        String text = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(text).contains("data:image/png;base64,").contains("&lt; 5").contains("Coverage per district");
        assertThat(text.split("data:image/png;base64,", -1)).hasSize(5);
    }

    @Test
    void theCommandWritesAReportFromAStoreAndRefusesOtherFormats() throws IOException {
        Path out = dir.resolve("r.html");
        var r = run("report", "transparency", "--data-dir", dir.resolve("data").toString(), "--from", "2026-11-01",
                "--to", "2026-11-30", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(out)).contains("data:image/png;base64,");
        assertThat(r.err()).contains("100%");
        var bad = run("report", "transparency", "--data-dir", dir.resolve("data").toString(), "--from", "2026-11-01",
                "--to", "2026-11-30", "--out", dir.resolve("r.docx").toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains(".html or .pdf");
    }

    @Test
    void evaluationsAreAddedFromAFileAndListed() throws IOException {
        Path file = dir.resolve("eval.json");
        Files.writeString(file, """
                {"version": "1.2", "runAt": "2026-11-20T10:00:00Z",
                 "classes": {"gunshot": {"precision": 0.9, "recall": 0.8, "support": 96}}}""");
        String data = dir.resolve("data").toString();
        var add = run("evaluations", "add", file.toString(), "--data-dir", data, "--detector", "audio.impulse",
                "--dataset", "urbansound8k-fold3");
        assertThat(add.exit()).as(add.err()).isZero();
        var list = run("evaluations", "list", "--data-dir", data);
        assertThat(list.out()).contains("audio.impulse 1.2 on urbansound8k-fold3").contains("F1 0.847");
        var missing = run("evaluations", "add", file.toString(), "--data-dir", data);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("detector is missing");
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        var oldOut = System.out;
        var oldErr = System.err;
        System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.commandLine().execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Share of pixels that are clearly not white. */
    private static double inkedShare(BufferedImage img) {
        long inked = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (r + g + b < 600) {
                    inked++;
                }
            }
        }
        return inked / (double) (img.getWidth() * img.getHeight());
    }
}
