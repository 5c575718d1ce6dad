package org.vigie.feeds.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting CSV and JSON Lines text into records, with their lines and exact text. */
class TextRecordsTest {
    static List<TextRecord> csv(String text) throws IOException {
        return all(TextRecords.csv(new StringReader(text), ',', '"'));
    }

    static List<TextRecord> all(TextRecords records) throws IOException {
        var out = new ArrayList<TextRecord>();
        TextRecord r;
        while ((r = records.next()) != null) {
            out.add(r);
        }
        return out;
    }

    @Test
    void rfc4180QuotingDoubledQuotesAndLineBreaksInFields() throws IOException {
        List<TextRecord> rs = csv("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\r\nlines\",,\"\"\n");
        assertThat(rs).hasSize(2);
        assertThat(rs.get(0).fields()).containsExactly("a", "b,c", "say \"hi\"");
        assertThat(rs.get(0).text()).isEqualTo("a,\"b,c\",\"say \"\"hi\"\"\"");
        assertThat(rs.get(0).line()).isEqualTo(1);
        assertThat(rs.get(1).fields()).containsExactly("two\r\nlines", "", "");
        assertThat(rs.get(1).line()).isEqualTo(2);
        assertThat(rs.get(1).lines()).isEqualTo(2);
        assertThat(rs.get(1).text()).isEqualTo("\"two\r\nlines\",,\"\"");
        assertThat(rs).allSatisfy(r -> assertThat(r.problem()).isNull());
    }

    @Test
    void lfCrlfAndLoneCrEachEndARecordAndBlankLinesAreNotRecords() throws IOException {
        List<TextRecord> rs = csv("a\r\n\r\nb\rc\n   \nd");
        assertThat(rs).extracting(TextRecord::text).containsExactly("a", "b", "c", "d");
        assertThat(rs).extracting(TextRecord::line).containsExactly(1, 3, 4, 6);
        assertThat(csv("")).isEmpty();
        assertThat(csv("\n\n")).isEmpty();
    }

    @Test
    void emptyFieldsAtBothEndsAreFields() throws IOException {
        assertThat(csv(",x,\n").get(0).fields()).containsExactly("", "x", "");
        assertThat(csv(",\n").get(0).fields()).containsExactly("", "");
    }

    @Test
    void aQuoteInsideAnUnquotedFieldIsText() throws IOException {
        TextRecord r = csv("5\" pipe,ok\n").get(0);
        assertThat(r.fields()).containsExactly("5\" pipe", "ok");
        assertThat(r.problem()).isNull();
    }

    @Test
    void textAfterAClosingQuoteIsAProblemButTheNextRowIsRead() throws IOException {
        List<TextRecord> rs = csv("\"Bob\"s bar,1\nnext,2\n");
        assertThat(rs.get(0).problem()).isEqualTo("field 1 has text after its closing quote");
        assertThat(rs.get(0).fields()).containsExactly("Bobs bar", "1");
        assertThat(rs.get(1).fields()).containsExactly("next", "2");
        assertThat(rs.get(1).line()).isEqualTo(2);
    }

    @Test
    void anUnclosedQuoteRunsToTheEndAndSaysWhereItOpened() throws IOException {
        List<TextRecord> rs = csv("a,b\nc,\"d\ne,f\n");
        assertThat(rs).hasSize(2);
        assertThat(rs.get(1).problem()).isEqualTo("the quoted field opened on line 2 is never closed");
        assertThat(rs.get(1).text()).isEqualTo("c,\"d\ne,f\n");
    }

    @Test
    void aRecordLongerThanTheLimitIsCutAndFlagged() throws IOException {
        String huge = "\"" + "x".repeat(TextRecords.MAX_RECORD_CHARS + 10);
        List<TextRecord> rs = csv("a\n" + huge);
        assertThat(rs.get(1).text()).hasSize(TextRecords.MAX_RECORD_CHARS);
        assertThat(rs.get(1).problem()).contains("never closed");
        List<TextRecord> json = all(TextRecords.jsonLines(new StringReader("{}\n" + "y".repeat(TextRecords.MAX_RECORD_CHARS + 1))));
        assertThat(json.get(1).problem()).contains("longer than");
    }

    @Test
    void aRunawayLineOfDelimitersKeepsABoundedNumberOfFields() throws IOException {
        TextRecord r = csv(",".repeat(50_000) + "\nnext\n").get(0);
        assertThat(r.fields()).hasSize(TextRecords.MAX_FIELDS + 1);
        assertThat(r.problem()).isEqualTo("the record has more than 10000 fields");
    }

    @Test
    void otherDelimitersAndQuotes() throws IOException {
        var rs = all(TextRecords.csv(new StringReader("a;'b;c';d\n"), ';', '\''));
        assertThat(rs.get(0).fields()).containsExactly("a", "b;c", "d");
        var tabs = all(TextRecords.csv(new StringReader("a\tb c\t\n"), '\t', '"'));
        assertThat(tabs.get(0).fields()).containsExactly("a", "b c", "");
    }

    @Test
    void skippedLinesAreCountedAndReturned() throws IOException {
        TextRecords rs = TextRecords.csv(new StringReader("Export du 28/11\r\nsecond\nh1,h2\nv1,v2\n"), ',', '"');
        assertThat(rs.skipLines(2)).isEqualTo("Export du 28/11\r\nsecond\n");
        assertThat(rs.next().line()).isEqualTo(3);
        assertThat(rs.next().line()).isEqualTo(4);
    }

    @Test
    void jsonLinesAreLinesWithoutBlankOnes() throws IOException {
        var rs = all(TextRecords.jsonLines(new StringReader("{\"a\":1}\r\n\r\n  \n{\"b\":\"x\\ny\"}")));
        assertThat(rs).extracting(TextRecord::text).containsExactly("{\"a\":1}", "{\"b\":\"x\\ny\"}");
        assertThat(rs).extracting(TextRecord::line).containsExactly(1, 4);
    }
}
