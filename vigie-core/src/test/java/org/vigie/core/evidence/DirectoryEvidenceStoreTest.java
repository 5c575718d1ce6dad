package org.vigie.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.core.model.EvidenceRef;

class DirectoryEvidenceStoreTest {
    @TempDir
    Path dir;

    @Test
    void storedEvidenceReadsBackWithItsMediaTypeAndTime() throws Exception {
        var store = new DirectoryEvidenceStore(dir);
        Instant at = Instant.parse("2026-11-29T10:15:30Z");
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3};
        EvidenceRef ref = store.put(EvidenceRef.Kind.SNAPSHOT, "image/jpeg", jpeg, at);

        assertThat(ref.uri()).startsWith("evidence:2026-11-29/").endsWith(".snapshot");
        assertThat(ref.sha256()).isEqualTo(DirectoryEvidenceStore.sha256(jpeg));
        var back = store.open(ref.uri()).orElseThrow();
        assertThat(back.bytes()).isEqualTo(jpeg);
        assertThat(back.mediaType()).isEqualTo("image/jpeg");
        assertThat(back.capturedAt()).isEqualTo(at);
        assertThat(store.put(EvidenceRef.Kind.SNAPSHOT, "image/jpeg", jpeg, at)).isEqualTo(ref);
    }

    @Test
    void urisThatNameAnythingElseOpenNothing() throws Exception {
        var store = new DirectoryEvidenceStore(dir.resolve("store"));
        Files.writeString(dir.resolve("secret.txt"), "x", StandardCharsets.UTF_8);
        assertThat(store.open("evidence:../secret.txt")).isEmpty();
        assertThat(store.open("file:///etc/passwd")).isEmpty();
        assertThat(store.open("evidence:2026-11-29/" + "0".repeat(64) + ".snapshot")).isEmpty();
    }

    @Test
    void purgeDeletesEverythingCapturedBeforeTheCutoffAndNothingAfter() throws Exception {
        var store = new DirectoryEvidenceStore(dir);
        var old = store.put(EvidenceRef.Kind.AUDIO, "audio/wav", new byte[] {1}, Instant.parse("2026-10-01T00:00:00Z"));
        var sameDayBefore = store.put(EvidenceRef.Kind.CLIP, "video/mp4", new byte[] {2},
                Instant.parse("2026-10-30T08:00:00Z"));
        var sameDayAfter = store.put(EvidenceRef.Kind.CLIP, "video/mp4", new byte[] {3},
                Instant.parse("2026-10-30T20:00:00Z"));
        var recent = store.put(EvidenceRef.Kind.SNAPSHOT, "image/jpeg", new byte[] {4},
                Instant.parse("2026-11-28T00:00:00Z"));

        int deleted = store.purgeCapturedBefore(Instant.parse("2026-10-30T12:00:00Z"));

        assertThat(deleted).isEqualTo(2);
        assertThat(store.open(old.uri())).isEmpty();
        assertThat(store.open(sameDayBefore.uri())).isEmpty();
        assertThat(store.open(sameDayAfter.uri())).isPresent();
        assertThat(store.open(recent.uri())).isPresent();
        assertThat(dir.resolve("2026-10-01")).doesNotExist();
    }
}
