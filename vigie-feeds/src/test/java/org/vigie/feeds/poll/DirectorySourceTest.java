package org.vigie.feeds.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySourceTest {
    @TempDir
    Path inbox;

    static FeedDocument only(Fetch f) {
        assertThat(f).isInstanceOf(Fetch.Documents.class);
        var docs = ((Fetch.Documents) f).documents();
        assertThat(docs).hasSize(1);
        return docs.get(0);
    }

    void write(String name, String text, long modifiedSeconds) throws Exception {
        Path p = Files.writeString(inbox.resolve(name), text);
        Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(modifiedSeconds)));
    }

    @Test
    void aFileIsReadOnceItIsStableAndOnlyOnceUntilItChanges() throws Exception {
        var source = new DirectorySource(inbox, 1 << 20);
        assertThat(source.fetch()).isEqualTo(Fetch.NOT_MODIFIED);
        write("alerts-1.xml", "one", 1000);
        write(".hidden", "x", 1000);
        write("alerts-2.xml.part", "still uploading", 1000);
        assertThat(source.fetch()).as("first look: maybe still being written").isEqualTo(Fetch.NOT_MODIFIED);

        FeedDocument doc = only(source.fetch());
        assertThat(new String(doc.body(), StandardCharsets.UTF_8)).isEqualTo("one");
        assertThat(doc.origin()).endsWith("alerts-1.xml");
        source.processed(doc);
        assertThat(source.fetch()).isEqualTo(Fetch.NOT_MODIFIED);

        write("alerts-1.xml", "one, corrected", 2000);
        assertThat(source.fetch()).isEqualTo(Fetch.NOT_MODIFIED);
        assertThat(new String(only(source.fetch()).body(), StandardCharsets.UTF_8)).isEqualTo("one, corrected");
    }

    @Test
    void aFileThatWasNotDeliveredIsHandedOutAgain() throws Exception {
        var source = new DirectorySource(inbox, 1 << 20);
        write("a.csv", "a", 1000);
        source.fetch();
        only(source.fetch()); // not processed: the sink failed
        FeedDocument again = only(source.fetch());
        source.processed(again);
        assertThat(source.fetch()).isEqualTo(Fetch.NOT_MODIFIED);
    }

    @Test
    void filesComeOldestFirstAndOversizedOnesAreHandedOverAsUnreadable() throws Exception {
        var source = new DirectorySource(inbox, 10);
        write("b.txt", "second", 2000);
        write("a.txt", "first", 3000);
        write("c.txt", "x".repeat(50), 1000);
        source.fetch();
        var docs = ((Fetch.Documents) source.fetch()).documents();
        assertThat(docs).extracting(d -> Path.of(d.origin()).getFileName().toString()).containsExactly("c.txt", "b.txt", "a.txt");
        assertThat(docs.get(0).unreadable()).contains("50 bytes", "limit of 10");
        assertThat(docs.get(1).unreadable()).isNull();
    }

    @Test
    void aMissingFolderIsAFailureNotAnException() {
        var source = new DirectorySource(inbox.resolve("nope"), 100);
        assertThat(source.fetch()).isInstanceOfSatisfying(Fetch.Failed.class,
                f -> assertThat(f.reason()).contains("no such folder"));
    }

    @Test
    void aConnectorOnAFolderDeliversEachFileOnceAndQuarantinesOversizedOnes() throws Exception {
        write("ok.lines", "#lines\nk1,2026-07-14T10:00:00Z,43.3,5.4,fire\n", 1000);
        write("huge.lines", "#lines\n" + "k,".repeat(600), 1000);
        var sink = new RecordingSink();
        var connector = new FeedConnector(new FeedConnector.Settings("inbox", "inbox", java.time.Duration.ofSeconds(5),
                java.time.Duration.ofMinutes(1)), new LinesFormat(), new DirectorySource(inbox, 1000), sink,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), java.time.Clock.systemUTC(), new java.util.Random(1));
        assertThat(connector.pollOnce().outcome()).isEqualTo(PollOutcome.NOT_MODIFIED);
        PollReport r = connector.pollOnce();
        assertThat(r.documents()).isEqualTo(2);
        assertThat(r.error()).contains("over the limit");
        assertThat(sink.stored).hasSize(1);
        assertThat(sink.unreadable).singleElement().satisfies(u -> assertThat(u.reason()).contains("huge.lines").doesNotContain("huge.lines,"));
        assertThat(connector.pollOnce().outcome()).isEqualTo(PollOutcome.NOT_MODIFIED);
        assertThat(sink.stored).hasSize(1);
    }
}
