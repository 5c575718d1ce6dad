package org.vigie.feeds.gtfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GtfsCsvReaderTest {
    private final GtfsIssues issues = new GtfsIssues();

    private List<GtfsRow> read(byte[] bytes) throws IOException {
        var rows = new ArrayList<GtfsRow>();
        try (var r = new GtfsCsvReader("stops.txt", new ByteArrayInputStream(bytes), issues)) {
            r.header();
            for (GtfsRow row; (row = r.next()) != null; ) {
                rows.add(row);
            }
        }
        return rows;
    }

    private List<GtfsRow> read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void quotedValuesMayHoldCommasQuotesAndLineBreaksAndLinesStayPhysical() throws IOException {
        var rows = read("stop_id,stop_name\n"
                + "1,\"Rond-Point, Prado\"\n"
                + "2,\"Le \"\"Vieux\"\" Port\"\n"
                + "3,\"two\nlines\"\n"
                + "4,after\n");
        assertThat(rows).extracting(r -> r.text("stop_name"))
                .containsExactly("Rond-Point, Prado", "Le \"Vieux\" Port", "two\nlines", "after");
        assertThat(rows).extracting(GtfsRow::line).containsExactly(2L, 3L, 4L, 6L);
        assertThat(issues.total()).isZero();
    }

    @Test
    void aByteOrderMarkCrLfPaddedNamesAndBlankLinesAreRead() throws IOException {
        var rows = read("\uFEFFstop_id , stop_name\r\n\r\n1,Noailles \r\n2,Castellane");
        assertThat(rows).extracting(r -> r.text("stop_id")).containsExactly("1", "2");
        assertThat(rows.get(0).text("stop_name")).isEqualTo("Noailles");
        assertThat(rows).extracting(GtfsRow::line).containsExactly(3L, 4L);
    }

    @Test
    void aRowWithMoreValuesThanColumnsIsLeftOutAndNamed() throws IOException {
        var rows = read("stop_id,stop_name\nA,A,40,-73.00\nB,B\nC,C,,\n");
        assertThat(rows).extracting(r -> r.text("stop_id")).containsExactly("B", "C"); // trailing commas lose nothing
        assertThat(issues.kept()).singleElement().satisfies(i -> {
            assertThat(i.toString()).isEqualTo("stops.txt line 2: 4 values but the header names 2 columns");
            assertThat(i.raw()).isEqualTo("A,A,40,-73.00");
            assertThat(i.skipped()).isTrue();
        });
    }

    @Test
    void aRowWithFewerValuesIsKeptWithAWarning() throws IOException {
        var rows = read("stop_id,stop_name,stop_lat\nA,Alpha\n");
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.text("stop_lat")).isNull();
            assertThat(r.report(issues)).isTrue();
        });
        assertThat(issues.kept()).singleElement().hasToString(
                "stops.txt line 2: only 2 values for the 3 columns of the header; the missing ones are read as empty");
    }

    @Test
    void anUnclosedQuoteStopsTheFileWithTheLineWhereItOpened() throws IOException {
        var rows = read("stop_id,stop_name\n1,ok\n2,\"never closed\n3,lost\n4,lost\n");
        assertThat(rows).extracting(r -> r.text("stop_id")).containsExactly("1");
        assertThat(issues.kept()).singleElement().hasToString("stops.txt line 3: a quoted value opened on this line is"
                + " never closed; the record and the rest of the file were not read");
    }

    @Test
    void textAfterAClosingQuoteIsReadAndReported() throws IOException {
        var rows = read("stop_id,stop_name\n1,\"Saint\"-Just\n");
        assertThat(rows.get(0).text("stop_name")).isEqualTo("Saint-Just");
        rows.get(0).report(issues);
        assertThat(issues.kept()).singleElement().satisfies(i -> assertThat(i.message()).contains("after its closing quote"));
    }

    @Test
    void bytesThatAreNotUtf8AreReportedOncePerFile() throws IOException {
        byte[] latin1 = "stop_id,stop_name\n1,Malpass\u00e9\n2,P\u00e9rier\n".getBytes(StandardCharsets.ISO_8859_1);
        var rows = read(latin1);
        rows.forEach(r -> r.report(issues));
        assertThat(rows).hasSize(2);
        assertThat(issues.kept()).singleElement().satisfies(i -> {
            assertThat(i.line()).isEqualTo(2);
            assertThat(i.message()).startsWith("not valid UTF-8");
        });
    }

    @Test
    void anEmptyFileHasNoHeader() throws IOException {
        try (var r = new GtfsCsvReader("stops.txt", new ByteArrayInputStream(new byte[0]), issues)) {
            assertThat(r.header()).isEmpty();
        }
    }
}
