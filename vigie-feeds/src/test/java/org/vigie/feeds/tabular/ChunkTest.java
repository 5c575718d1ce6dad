package org.vigie.feeds.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.core.model.Event;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.RejectedRecord;

/**
 * Cutting a file into documents of whole rows for upload: parsing the pieces gives the same events and the
 * same rejections as parsing the whole, and rejections' lines map back to the file's lines.
 */
class ChunkTest {
    private static void sameAsWhole(TabularFormat format, byte[] file, int rows) throws Exception {
        FeedBatch whole = format.parse(file, ExampleMappingsTest.CONTEXT);
        var chunks = new ArrayList<TabularFormat.Chunk>();
        format.split(new StringReader(new String(file, format.mapping().encoding())), rows, chunks::add);
        var events = new ArrayList<Event>();
        var rejected = new ArrayList<RejectedRecord>();
        int records = 0;
        for (TabularFormat.Chunk c : chunks) {
            assertThat(c.rows()).isBetween(1, rows);
            FeedBatch b = format.parse(c.text().getBytes(format.mapping().encoding()), ExampleMappingsTest.CONTEXT);
            assertThat(b.records()).isEqualTo(c.rows());
            records += b.records();
            events.addAll(b.events());
            for (RejectedRecord r : b.rejected()) {
                int line = Integer.parseInt(r.ref().substring("line ".length()));
                rejected.add(new RejectedRecord("line " + c.fileLine(line), r.reason(), r.raw()));
            }
        }
        assertThat(records).isEqualTo(whole.records());
        assertThat(events).isEqualTo(whole.events());
        assertThat(rejected).isEqualTo(whole.rejected());
    }

    @Test
    void baltimoreInPiecesIsBaltimoreWhole() throws Exception {
        byte[] file = Files.readAllBytes(Baltimore311Test.SAMPLE);
        var format = new TabularFormat(TabularMappings.getShipped("baltimore311"), null);
        for (int rows : new int[] {1, 7, 50, 199, 200, 1000}) {
            sameAsWhole(format, file, rows);
        }
    }

    @Test
    void rowsOverSeveralLinesLinesAboveTheHeaderAndJsonLinesKeepTheirLineNumbers() throws Exception {
        var fire = new TabularFormat(TabularMappings.getShipped("fire-interventions"), ExampleMappingsTest.MARSEILLE);
        byte[] fireFile = ExampleMappingsTest.resource("fire-interventions.csv");
        for (int rows = 1; rows <= 11; rows++) {
            sameAsWhole(fire, fireFile, rows);
        }
        var police = new TabularFormat(TabularMappings.getShipped("fr-police-l93"), ExampleMappingsTest.MARSEILLE);
        for (int rows = 1; rows <= 4; rows++) {
            sameAsWhole(police, ExampleMappingsTest.resource("police-l93.csv"), rows);
        }
        var hospital = new TabularFormat(TabularMappings.getShipped("hospital-ed-load"), ExampleMappingsTest.MARSEILLE);
        for (int rows = 1; rows <= 3; rows++) {
            sameAsWhole(hospital, ExampleMappingsTest.resource("hospital-ed-load.jsonl"), rows);
        }
        String yaml = TabularFormatTest.with("format", "format: {kind: csv, skip-lines: 2}");
        var titled = new TabularFormat(TabularMappings.parse("t.yaml", yaml, "t"), TabularFormatTest.MARSEILLE);
        String doc = "Export\r\ndu 29/11\r\n" + TabularFormatTest.HEADER + "1,a,28/11/2026 10:00,43.3,5.4\n\n2,a,,43.3,5.4\n"
                + "3,a,\"28/11/2026\n10:00\",43.3,5.4\n4,a,x,43.3,5.4\n";
        sameAsWhole(titled, doc.getBytes(StandardCharsets.UTF_8), 1);
        sameAsWhole(titled, doc.getBytes(StandardCharsets.UTF_8), 2);
        // One chunk for the whole file: its lines are the file's, blank lines included, so the server's
        // rejections (and its quarantine) name the file's lines.
        var whole = new ArrayList<TabularFormat.Chunk>();
        titled.split(new StringReader(doc), 100, whole::add);
        assertThat(whole).singleElement().satisfies(c -> {
            assertThat(c.chunkLines()).containsExactly(c.fileLines());
            assertThat(c.chunkLines()).containsExactly(4, 6, 7, 9);
        });
        assertThat(titled.parse(whole.get(0).text().getBytes(StandardCharsets.UTF_8), ExampleMappingsTest.CONTEXT).rejected())
                .extracting(RejectedRecord::ref).containsExactly("line 6", "line 7", "line 9");
    }

    @Test
    void eachChunkRepeatsTheLinesAboveAndTheHeader() throws Exception {
        String yaml = TabularFormatTest.with("format", "format: {kind: csv, skip-lines: 1}");
        var format = new TabularFormat(TabularMappings.parse("t.yaml", yaml, "t"), null);
        var chunks = new ArrayList<TabularFormat.Chunk>();
        format.split(new StringReader("title\n" + TabularFormatTest.HEADER + "1\n2\n3\n"), 2, chunks::add);
        assertThat(chunks).extracting(TabularFormat.Chunk::text)
                .containsExactly("title\n" + TabularFormatTest.HEADER + "1\n2\n", "title\n" + TabularFormatTest.HEADER + "3\n");
        assertThat(chunks.get(1).firstLine()).isEqualTo(5);
        assertThat(chunks.get(1).fileLine(3)).isEqualTo(5);
        List<TabularFormat.Chunk> none = new ArrayList<>();
        format.split(new StringReader("title\n" + TabularFormatTest.HEADER), 2, none::add);
        assertThat(none).isEmpty();
    }
}
