package org.vigie.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.vigie.core.geo.City;
import org.vigie.server.transparency.PublicFigures;
import org.vigie.server.transparency.PublicTable;

/**
 * The transparency report of a period as one self-contained file: HTML with the charts embedded as data URIs, or
 * PDF (Apache PDFBox). Both show the public figures, small counts suppressed, so the file can be published as is.
 */
final class TransparencyReport {
    /** Sections in the order of the public page: title, explanation, table. */
    private static final List<String[]> SECTIONS = List.of(
            new String[] {"quality", "Were alerts right?", "Precision is confirmed alerts out of decided ones, with Wilson 95 % intervals."},
            new String[] {"shares", "Shares", "Alerts confirmed out of all alerts; confirmed incidents whose evidence was opened."},
            new String[] {"dismissal_causes", "Why alerts were dismissed", "Causes from the fixed list, per detector."},
            new String[] {"evaluations", "Offline evaluations beside live precision", "Results of vigie video eval and vigie audio eval runs."},
            new String[] {"coverage", "Coverage per district", "Cameras against inhabitants and incidents (alerts not dismissed)."},
            new String[] {"costs", "What it cost", "Euros over the period, low and high ends of the configured cost ranges."});

    private final PublicFigures figures;
    private final String title;
    private final Map<String, BufferedImage> charts = new LinkedHashMap<>();

    /** Draws the charts; {@code progress} steps once per chart. */
    TransparencyReport(PublicFigures figures, City city, String title, Runnable progress) {
        this.figures = figures;
        this.title = title;
        PublicTable quality = figures.tables().get("quality");
        charts.put("Precision by incident type", ReportCharts.bars("Precision by incident type", "precision",
                bars(quality, "type")));
        progress.run();
        charts.put("Precision by week", ReportCharts.bars("Precision by week", "precision", bars(quality, "week")));
        progress.run();
        JsonNode equity = figures.json().path("equity");
        var points = new ArrayList<double[]>();
        equity.path("lorenzCamerasPopulation").forEach(p -> points.add(new double[] {
            p.path("populationShare").asDouble(), p.path("cameraShare").asDouble()}));
        double gini = equity.path("giniCamerasPopulation").isNumber() ? equity.path("giniCamerasPopulation").asDouble() : Double.NaN;
        charts.put("Cameras against population", ReportCharts.lorenz("Cameras against population", "share of inhabitants",
                "share of cameras", points, gini));
        progress.run();
        PublicTable coverage = figures.tables().get("coverage");
        var density = new LinkedHashMap<String, Double>();
        int code = coverage.columns().indexOf("code");
        int per10k = coverage.columns().indexOf("cameras_per_10k");
        for (List<PublicTable.Cell> row : coverage.rows()) {
            density.put(((PublicTable.Text) row.get(code)).s(), number(row.get(per10k)));
        }
        charts.put("Cameras per 10,000 inhabitants", ReportCharts.choropleth("Cameras per 10,000 inhabitants", city, density));
        progress.run();
    }

    private static List<ReportCharts.Bar> bars(PublicTable quality, String group) {
        int g = quality.columns().indexOf("group");
        int key = quality.columns().indexOf("key");
        int p = quality.columns().indexOf("precision");
        int lo = quality.columns().indexOf("precision_low");
        int hi = quality.columns().indexOf("precision_high");
        var out = new ArrayList<ReportCharts.Bar>();
        for (List<PublicTable.Cell> r : quality.rows()) {
            if (((PublicTable.Text) r.get(g)).s().equals(group)) {
                out.add(new ReportCharts.Bar(((PublicTable.Text) r.get(key)).s(), number(r.get(p)), number(r.get(lo)), number(r.get(hi))));
            }
        }
        return out;
    }

    private static Double number(PublicTable.Cell c) {
        return c instanceof PublicTable.Decimal d && !Double.isNaN(d.v()) && !Double.isInfinite(d.v()) ? d.v() : null;
    }

    private String intro() {
        int k = figures.suppression().k();
        return "Aggregates only. Every count below " + k + " is shown as \"" + figures.suppression().mask()
                + "\", and rates or costs computed from such a count are withheld with it.";
    }

    void write(Path out) throws IOException {
        String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".pdf")) {
            writePdf(out);
        } else if (name.endsWith(".html") || name.endsWith(".htm")) {
            Files.writeString(out, html(), StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException("the report is written as .html or .pdf, not '" + out.getFileName() + "'");
        }
    }

    String html() {
        var h = new StringBuilder();
        h.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title><style>body{font:14px/1.4 sans-serif;color:#1d2330;max-width:64rem;margin:1rem auto;padding:0 1rem}"
                        + "table{border-collapse:collapse;width:100%;font-size:12px;margin:.5rem 0 1.5rem}"
                        + "th,td{border-bottom:1px solid #e3e7ec;padding:2px 4px;text-align:right}"
                        + "th:first-child,td:first-child{text-align:left}img{max-width:100%}</style></head><body>\n");
        h.append("<h1>").append(escape(title)).append("</h1>\n<p>").append(escape(intro())).append("</p>\n");
        for (var chart : charts.entrySet()) {
            h.append("<figure><img alt=\"").append(escape(chart.getKey())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(ReportCharts.png(chart.getValue()))).append("\"></figure>\n");
        }
        String mask = figures.suppression().mask();
        for (String[] s : SECTIONS) {
            PublicTable t = figures.tables().get(s[0]);
            h.append("<h2>").append(escape(s[1])).append("</h2>\n<p>").append(escape(s[2])).append("</p>\n<table><tr>");
            t.columns().forEach(c -> h.append("<th>").append(escape(c.replace('_', ' '))).append("</th>"));
            h.append("</tr>\n");
            for (List<PublicTable.Cell> r : t.rows()) {
                h.append("<tr>");
                r.forEach(c -> h.append("<td>").append(escape(c.csv(mask))).append("</td>"));
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private void writePdf(Path out) throws IOException {
        try (var doc = new PDDocument()) {
            var pdf = new PdfWriter(doc);
            pdf.text(title, 16, true);
            pdf.text(intro(), 9, false);
            for (var chart : charts.entrySet()) {
                pdf.image(LosslessFactory.createFromImage(doc, chart.getValue()));
            }
            String mask = figures.suppression().mask();
            for (String[] s : SECTIONS) {
                PublicTable t = figures.tables().get(s[0]);
                pdf.text(s[1], 12, true);
                pdf.text(s[2], 8, false);
                pdf.row(t.columns().stream().map(c -> c.replace('_', ' ')).toList(), true);
                for (List<PublicTable.Cell> r : t.rows()) {
                    pdf.row(r.stream().map(c -> c.csv(mask)).toList(), false);
                }
            }
            pdf.close();
            doc.save(out.toFile());
        }
    }

    /** Lines of text, table rows and images down A4 landscape pages, a new page when one is full. */
    private static final class PdfWriter {
        private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
        private static final float MARGIN = 36;
        private final PDDocument doc;
        private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private PDPageContentStream content;
        private float y;

        PdfWriter(PDDocument doc) throws IOException {
            this.doc = doc;
            newPage();
        }

        private void newPage() throws IOException {
            close();
            PDPage page = new PDPage(PAGE);
            doc.addPage(page);
            content = new PDPageContentStream(doc, page);
            y = PAGE.getHeight() - MARGIN;
        }

        private void room(float height) throws IOException {
            if (y - height < MARGIN) {
                newPage();
            }
        }

        /** A paragraph, wrapped at spaces to the page's width. */
        void text(String s, float size, boolean strong) throws IOException {
            PDType1Font font = strong ? bold : regular;
            float width = PAGE.getWidth() - 2 * MARGIN;
            var line = new StringBuilder();
            for (String word : s.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (!line.isEmpty() && widthOf(candidate, font, size) > width) {
                    line(line.toString(), size, font, width);
                    line.setLength(0);
                    line.append(word);
                } else {
                    line.setLength(0);
                    line.append(candidate);
                }
            }
            line(line.toString(), size, font, width);
            y -= size * 0.3f;
        }

        private void line(String s, float size, PDType1Font font, float width) throws IOException {
            room(size * 1.5f);
            y -= size * 1.4f;
            show(s, MARGIN, y, size, font, width);
        }

        private static float widthOf(String s, PDType1Font font, float size) throws IOException {
            try {
                return font.getStringWidth(s) / 1000 * size;
            } catch (IllegalArgumentException e) {
                return s.length() * size * 0.6f; // characters outside WinAnsi: an estimate is enough to wrap
            }
        }

        void row(List<String> cells, boolean header) throws IOException {
            float size = 7;
            room(size * 1.5f);
            y -= size * 1.4f;
            float width = (PAGE.getWidth() - 2 * MARGIN) / cells.size();
            for (int i = 0; i < cells.size(); i++) {
                show(cells.get(i), MARGIN + i * width, y, size, header ? bold : regular, width - 3);
            }
        }

        void image(PDImageXObject img) throws IOException {
            float w = PAGE.getWidth() - 2 * MARGIN;
            float h = w * img.getHeight() / img.getWidth();
            float max = PAGE.getHeight() - 2 * MARGIN;
            if (h > max) {
                w = w * max / h;
                h = max;
            }
            room(h + 6);
            y -= h + 6;
            content.drawImage(img, MARGIN, y, w, h);
        }

        /** Standard fonts hold WinAnsi only: other characters become '?', and text is cut to its width. */
        private void show(String s, float x, float baseline, float size, PDType1Font font, float maxWidth) throws IOException {
            var fit = new StringBuilder();
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                String ch = new String(Character.toChars(cp));
                i += Character.charCount(cp);
                try {
                    font.encode(ch);
                } catch (IllegalArgumentException e) {
                    ch = "?";
                }
                if (font.getStringWidth(fit + ch) / 1000 * size > maxWidth) {
                    break;
                }
                fit.append(ch);
            }
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, baseline);
            content.showText(fit.toString());
            content.endText();
        }

        void close() throws IOException {
            if (content != null) {
                content.close();
                content = null;
            }
        }
    }
}
