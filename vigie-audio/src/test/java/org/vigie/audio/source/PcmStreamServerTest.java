package org.vigie.audio.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.audio.AcousticSensor;
import org.vigie.audio.detect.Detection;
import org.vigie.audio.detect.ImpulseRules;
import org.vigie.audio.detect.Synth;
import org.vigie.audio.read.AudioFormatException;
import org.vigie.core.evidence.DirectoryEvidenceStore;
import org.vigie.core.model.EventType;

class PcmStreamServerTest {
    static final int RATE = 22050;
    static final Instant T0 = Instant.parse("2026-07-14T21:30:00Z");

    static void send(OutputStream out, String sensor, float[] x, Instant start) throws IOException {
        int chunk = RATE / 10;
        for (int i = 0; i < x.length; i += chunk) {
            float[] part = Arrays.copyOfRange(x, i, Math.min(x.length, i + chunk));
            PcmFraming.write(out, new PcmFrame(sensor, RATE, start.plusNanos(Math.round(i * 1e9 / RATE)), part));
        }
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
            Thread.onSpinWait();
            Thread.sleep(5); // polling a condition with a deadline, not waiting for luck
        }
    }

    @Test
    void aSensorThatStopsAndResumesIsPickedUpAgain(@TempDir Path dir) throws Exception {
        var detections = new LinkedBlockingQueue<Detection>();
        var sensor = new AcousticSensor("belsunce-2", 43.3007, 5.3767);
        var station = new AcousticStation(List.of(sensor), new ImpulseRules(), new DirectoryEvidenceStore(dir),
                InstantSource.fixed(T0.plusSeconds(3600)), detections::add);
        try (var server = new PcmStreamServer("127.0.0.1", 0, station)) {
            try (var s = new Socket("127.0.0.1", server.port())) {
                send(s.getOutputStream(), "belsunce-2", Synth.street(RATE, 2, -45, 1), T0);
            }
            // The sensor comes back only after its first stream has been read to the end.
            await(() -> station.health().get(0).samples() == 2L * RATE);
            float[] later = Synth.street(RATE, 3, -45, 2);
            Synth.gunshot(later, RATE, RATE, 0.5, 3);
            Instant resumed = T0.plusSeconds(120);
            try (var s = new Socket("127.0.0.1", server.port())) {
                send(s.getOutputStream(), "belsunce-2", later, resumed);
                // An unknown sensor on the same connection is refused and counted, not processed.
                send(s.getOutputStream(), "nobody", Synth.street(RATE, 0.2, -45, 4), resumed);
            }
            Detection d = detections.poll(20, TimeUnit.SECONDS);
            assertThat(d).isNotNull();
            assertThat(d.findEvent()).hasValueSatisfying(e -> assertThat(e.type()).isEqualTo(EventType.GUNSHOT));
            assertThat(Duration.between(resumed.plusSeconds(1), d.onsetTime()).abs()).isLessThan(Duration.ofMillis(3));
            await(() -> station.unattributedErrors() == 2); // its two frames
            var health = station.health().get(0);
            assertThat(health.samples()).isEqualTo(5L * RATE);
            assertThat(health.restarts()).isEqualTo(1);
            assertThat(health.lastSeen()).isEqualTo(T0.plusSeconds(3600));
            assertThat(station.connections()).isEqualTo(2);
        }
    }

    @Test
    void aMalformedStreamClosesThatConnectionWithTheReason(@TempDir Path dir) throws Exception {
        var station = new AcousticStation(List.of(new AcousticSensor("a", 43.3, 5.37)), new ImpulseRules(),
                new DirectoryEvidenceStore(dir), InstantSource.fixed(T0), d -> { });
        try (var server = new PcmStreamServer("127.0.0.1", 0, station)) {
            try (var s = new Socket("127.0.0.1", server.port())) {
                s.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes());
            }
            await(() -> station.unattributedErrors() == 1);
        }
    }

    @Test
    void framesRoundTripAndCutFramesAreRefused() throws Exception {
        var out = new ByteArrayOutputStream();
        float[] x = Synth.street(RATE, 0.1, -20, 5);
        PcmFraming.write(out, new PcmFrame("s", RATE, T0.plusNanos(123_456_000), x));
        byte[] bytes = out.toByteArray();
        var frame = PcmFraming.read(new ByteArrayInputStream(bytes)).orElseThrow();
        assertThat(frame.sensorId()).isEqualTo("s");
        assertThat(frame.captureStart()).isEqualTo(T0.plusNanos(123_456_000));
        assertThat(frame.samples()).hasSize(x.length);
        assertThat(PcmFraming.read(new ByteArrayInputStream(new byte[0]))).isEmpty();
        assertThatThrownBy(() -> PcmFraming.read(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 7))))
                .isInstanceOf(AudioFormatException.class).hasMessageContaining("ended inside a frame");
        Random random = new Random(6);
        for (int i = 0; i < 5000; i++) {
            byte[] b = bytes.clone();
            b[random.nextInt(40)] = (byte) random.nextInt(256);
            try {
                PcmFraming.read(new ByteArrayInputStream(b));
            } catch (AudioFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void aWatchedFolderHandsOutEachFileOnceWhenItHasStoppedGrowing(@TempDir Path dir) throws Exception {
        var watch = new FolderWatch(dir);
        Path f = dir.resolve("a.wav");
        java.nio.file.Files.write(f, new byte[100]);
        java.nio.file.Files.writeString(dir.resolve("notes.txt"), "not audio");
        assertThat(watch.poll()).isEmpty(); // first sight: size not yet known to be stable
        java.nio.file.Files.write(f, new byte[200]); // still being copied
        assertThat(watch.poll()).isEmpty();
        assertThat(watch.poll()).containsExactly(f);
        assertThat(watch.poll()).isEmpty();
    }
}
