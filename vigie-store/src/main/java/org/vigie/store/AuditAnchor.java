package org.vigie.store;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The audit chain's head, written outside the database: an append-only text file of marks {@code SEQ HASH AT}, one
 * a line. The hash chain alone shows an edited or removed row in the middle, but not rows cut from the end (the
 * shorter chain still holds); a mark naming row 120 when the table ends at row 117 does. Copy the file elsewhere
 * (or ship it to a log server) so that one who can change the database cannot also rewrite it unseen.
 *
 * <p>Marks only go forward. Rows cut while Vigie was stopped, then new rows appended, show as a mark going back
 * (row 117 after row 120) as well as a row whose hash is not the one marked. Thread-safe.
 */
public final class AuditAnchor implements Closeable {
    private static final String HEADER = "# Vigie audit anchor: SEQ SHA-256 AT, one line per mark, append-only. "
            + "`vigie audit verify` compares the audit table with it.\n";

    /**
     * @param line the line of the file it was read from (1-based; 0 when not read from a file)
     */
    public record Mark(long seq, String hash, Instant at, long line) {
    }

    private final Path file;
    private FileChannel channel;

    public AuditAnchor(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    public Path file() {
        return file;
    }

    /** Appends a mark and forces it to the disk before returning. */
    public synchronized void write(long seq, String hash, Instant at) {
        try {
            if (channel == null) {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                boolean fresh = !Files.exists(file) || Files.size(file) == 0;
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE);
                if (fresh) {
                    channel.write(ByteBuffer.wrap(HEADER.getBytes(StandardCharsets.UTF_8)));
                }
            }
            channel.write(ByteBuffer.wrap((seq + " " + hash + " " + at + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
        } catch (IOException e) {
            throw new StoreException("cannot write the audit anchor " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Hands every mark of the file to {@code marks}, in file order, without holding them all (the file grows by one
     * line per audited action); an absent file has none.
     *
     * @return what was wrong with lines that are not marks (never silently skipped)
     */
    public List<String> scan(Consumer<Mark> marks) {
        var problems = new ArrayList<String>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            long line = 0;
            while ((text = in.readLine()) != null) {
                line++;
                if (text.isBlank() || text.startsWith("#")) {
                    continue;
                }
                String[] f = text.trim().split(" ");
                Mark m;
                try {
                    if (f.length != 3 || !f[1].matches("[0-9a-f]{64}")) {
                        throw new IllegalArgumentException("expected SEQ SHA-256 AT");
                    }
                    m = new Mark(Long.parseLong(f[0]), f[1], Instant.parse(f[2]), line);
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    problems.add(file + ":" + line + ": not a mark (" + e.getMessage() + "): '" + clip(text) + "'");
                    continue;
                }
                marks.accept(m);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit anchor " + file, e);
        }
        return List.copyOf(problems);
    }

    /** The mark written last, if any. */
    public Optional<Mark> last() {
        var last = new java.util.concurrent.atomic.AtomicReference<Mark>();
        scan(last::set);
        return Optional.ofNullable(last.get());
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the audit anchor " + file, e);
            } finally {
                channel = null;
            }
        }
    }

    private static String clip(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
