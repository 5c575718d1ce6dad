package org.vigie.core.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.vigie.core.model.EvidenceRef;

/**
 * Evidence as files, one folder per UTC capture day: {@code DIR/2026-11-29/<sha256>.<kind>}, with a small
 * side file holding the media type and capture instant. Day folders make the retention purge a matter of
 * deleting whole folders, and content addressing makes a repeated put harmless.
 *
 * <p>The uri is {@code evidence:2026-11-29/<sha256>.<kind>}: it names no path on disk, so a reference cannot be
 * used to read outside the store.
 */
public final class DirectoryEvidenceStore implements EvidenceStore {
    private static final String SCHEME = "evidence:";
    private static final Pattern URI = Pattern.compile(
            "evidence:(\\d{4}-\\d{2}-\\d{2})/([0-9a-f]{64})\\.(snapshot|clip|audio|record)");

    private final Path root;

    public DirectoryEvidenceStore(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    public Path root() {
        return root;
    }

    @Override
    public EvidenceRef put(EvidenceRef.Kind kind, String mediaType, byte[] bytes, Instant capturedAt)
            throws IOException {
        String sha = sha256(bytes);
        String day = LocalDate.ofInstant(capturedAt, ZoneOffset.UTC).toString();
        String name = sha + "." + kind.jsonName();
        Path dir = Files.createDirectories(root.resolve(day));
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            writeAtomically(dir.resolve(name + ".meta"),
                    (mediaType + "\n" + capturedAt + "\n").getBytes(StandardCharsets.UTF_8));
            writeAtomically(file, bytes);
        }
        return new EvidenceRef(kind, SCHEME + day + "/" + name, sha);
    }

    @Override
    public Optional<Evidence> open(String uri) throws IOException {
        Matcher m = URI.matcher(uri);
        if (!m.matches()) {
            return Optional.empty();
        }
        Path file = root.resolve(m.group(1)).resolve(m.group(2) + "." + m.group(3));
        Path meta = file.resolveSibling(file.getFileName() + ".meta");
        if (!Files.exists(file) || !Files.exists(meta)) {
            return Optional.empty();
        }
        String[] lines = Files.readString(meta, StandardCharsets.UTF_8).split("\n");
        EvidenceRef.Kind kind = EvidenceRef.Kind.fromJson(m.group(3)).orElseThrow();
        return Optional.of(new Evidence(new EvidenceRef(kind, uri, m.group(2)), lines[0],
                Instant.parse(lines[1]), Files.readAllBytes(file)));
    }

    @Override
    public int purgeCapturedBefore(Instant cutoff) throws IOException {
        LocalDate cutoffDay = LocalDate.ofInstant(cutoff, ZoneOffset.UTC);
        int deleted = 0;
        try (Stream<Path> days = Files.list(root)) {
            for (Path day : days.toList()) {
                Optional<LocalDate> date = dayOf(day);
                if (date.isEmpty() || date.get().isAfter(cutoffDay)) {
                    continue;
                }
                // Whole days before the cutoff's day go at once; the cutoff's own day is purged item by item.
                boolean wholeDay = date.get().isBefore(cutoffDay);
                try (Stream<Path> files = Files.list(day)) {
                    for (Path f : files.filter(p -> !p.toString().endsWith(".meta")).toList()) {
                        Path meta = f.resolveSibling(f.getFileName() + ".meta");
                        if (wholeDay || capturedAt(meta).isBefore(cutoff)) {
                            Files.deleteIfExists(f);
                            Files.deleteIfExists(meta);
                            deleted++;
                        }
                    }
                }
                if (wholeDay) {
                    try (Stream<Path> rest = Files.list(day)) {
                        for (Path leftover : rest.toList()) {
                            Files.deleteIfExists(leftover);
                        }
                    }
                    Files.deleteIfExists(day);
                }
            }
        }
        return deleted;
    }

    private static Instant capturedAt(Path meta) throws IOException {
        if (!Files.exists(meta)) {
            return Instant.MIN; // an item without its side file cannot prove its age: purge it
        }
        String[] lines = Files.readString(meta, StandardCharsets.UTF_8).split("\n");
        return lines.length > 1 ? Instant.parse(lines[1]) : Instant.MIN;
    }

    private static Optional<LocalDate> dayOf(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(dir.getFileName().toString()));
        } catch (DateTimeParseException notADay) {
            return Optional.empty();
        }
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".part-", ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
