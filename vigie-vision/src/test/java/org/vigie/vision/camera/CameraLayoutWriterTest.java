package org.vigie.vision.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.vision.geom.Polygon;
import org.vigie.vision.geom.Polygon.Point;

class CameraLayoutWriterTest {
    private static final String FILE = """
            # Gare Saint-Charles, quai A — posée en 2025
            id: cam-gare
            url: rtsp://10.0.0.42/stream1
            location: {lat: 43.3027, lon: 5.3806, accuracy: 20}
            masks: [[[0, 0], [1, 0], [1, 0.08], [0, 0.08]]]   # l'horloge
            zones:
              - {name: voie-1, kind: forbidden, polygon: [[0.1, 0.6], [0.5, 0.6], [0.5, 1], [0.1, 1]]}
              # a comment inside the zones goes with them
              - {name: bancs, kind: furniture, polygon: [[0.6, 0.6], [0.9, 0.6], [0.9, 0.9]]}
            lines: [{name: escalier, from: [0.2, 0.5], to: [0.8, 0.5], allowed: left_to_right, band: 0.2}]   # sens unique
            homography: [[12.0, 0, 0], [0, 8.0, 0], [0, 0, 1]]
            rules: {disabled: [crowd_movement]}
            """;

    private static CameraLayout edited(CameraLayout current) {
        var zones = List.of(new Zone("quai \"A\" — été", Zone.Kind.SENSITIVE, new Polygon(List.of(new Point(0.125, 0.5),
                new Point(0.75, 0.5), new Point(0.75, 0.0001)))));
        var lines = List.of(new DirectionLine("escalier", new Point(0.3, 0.5), new Point(0.7, 0.55),
                DirectionLine.Allowed.RIGHT_TO_LEFT, 0.2), new DirectionLine("sortie", new Point(0, 0.9), new Point(1, 0.9),
                DirectionLine.Allowed.BOTH, 0.15));
        return new CameraLayout(current.masks(), zones, lines, current.homography());
    }

    @Test
    void zonesAndLinesAreReplacedAndEveryOtherLineIsKept() {
        CameraConfig before = CameraConfigReader.read("cam.yaml", FILE);
        CameraLayout layout = edited(before.layout());
        String after = CameraLayoutWriter.withZonesAndLines(FILE, layout);
        CameraConfig read = CameraConfigReader.read("cam.yaml", after);
        assertThat(read.layout().zones()).isEqualTo(layout.zones());
        assertThat(read.layout().lines()).isEqualTo(layout.lines());
        assertThat(read.layout().masks()).isEqualTo(before.layout().masks());
        assertThat(read.layout().homography().orElseThrow().m()).containsExactly(before.layout().homography().orElseThrow().m());
        assertThat(read.rules()).isEqualTo(before.rules());
        // Everything but the two entries is the same text, comments and accents included.
        assertThat(after).startsWith(FILE.substring(0, FILE.indexOf("zones:")))
                .endsWith("homography: [[12.0, 0, 0], [0, 8.0, 0], [0, 0, 1]]\nrules: {disabled: [crowd_movement]}\n")
                .doesNotContain("voie-1", "sens unique");
    }

    @Test
    void missingEntriesAreAppendedAndAnEmptyLayoutIsWrittenAsEmptyLists() {
        String bare = "id: cam-b\nurl: file.mp4\nlocation: {lat: 43.3, lon: 5.4}";
        CameraConfig c = CameraConfigReader.read("b.yaml", bare);
        String after = CameraLayoutWriter.withZonesAndLines(bare, edited(c.layout()));
        assertThat(after).startsWith(bare + "\nzones:\n");
        assertThat(CameraConfigReader.read("b.yaml", after).layout().zones()).hasSize(1);
        String emptied = CameraLayoutWriter.withZonesAndLines(after, CameraLayout.EMPTY);
        assertThat(emptied).isEqualTo(bare + "\nzones: []\nlines: []\n");
    }

    @Test
    void theFileIsReplacedWholeAndReadsBack(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cam-gare.yaml");
        Files.writeString(file, FILE);
        CameraLayout layout = edited(CameraConfigReader.read("cam.yaml", FILE).layout());
        CameraLayoutWriter.write(file, layout);
        assertThat(CameraConfigReader.read(file.toString(), Files.readString(file)).layout().zones()).isEqualTo(layout.zones());
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void aFolderThatCannotBeWrittenIsAnErrorAndTheFileIsUntouched(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cam-gare.yaml");
        Files.writeString(file, FILE);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(dir), "running as a user who writes anywhere");
            assertThatThrownBy(() -> CameraLayoutWriter.write(file, edited(CameraLayout.EMPTY))).isInstanceOf(IOException.class);
            assertThat(Files.readString(file)).isEqualTo(FILE);
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void withoutHomographyOrMasksTheEditedLayoutStillWrites() {
        String f = "id: c\nurl: x.mp4\nlocation: {lat: 43.3, lon: 5.4}\nzones: []\n";
        var layout = new CameraLayout(List.of(), List.of(), List.of(new DirectionLine("l", new Point(0, 0), new Point(1, 1),
                DirectionLine.Allowed.LEFT_TO_RIGHT, 0.15)), Optional.empty());
        assertThat(CameraConfigReader.read("c.yaml", CameraLayoutWriter.withZonesAndLines(f, layout)).layout().lines())
                .isEqualTo(layout.lines());
    }
}
