package org.vigie.feeds.poll;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.vigie.feeds.FeedFormat;

/**
 * A folder where another system drops documents (an SFTP inbox, a mounted share). A file is read once it has
 * kept the same size and modification time across two looks, so a file still being written is never read
 * half-way; hidden files and names ending in {@code .part}, {@code .tmp} or {@code ~} are left alone. Files are
 * never moved or deleted: what was processed is remembered by name, size and time, and a file that changes is
 * read again (its records keep their ids, so unchanged ones count as duplicates).
 *
 * <p>The memory of processed files lives in the process: after a restart every file is read again, which the
 * deterministic event ids make harmless.
 */
public final class DirectorySource implements FeedSource {
    /** At most this many files per look, oldest first, so one poll stays bounded; the rest come next time. */
    public static final int MAX_FILES_PER_FETCH = 200;
    /** How much of a file over the size limit is kept in the quarantine, for someone to see what it is. */
    private static final int OVERSIZE_PREFIX = 4096;

    private record Seen(long size, long modifiedMillis) {
    }

    private final Path folder;
    private final int maxBytes;
    private final Map<Path, Seen> candidates = new HashMap<>();
    private final Map<Path, Seen> processed = new HashMap<>();
    private final Map<FeedDocument, Map.Entry<Path, Seen>> handedOut = new IdentityHashMap<>();
    private volatile boolean closed;

    public DirectorySource(Path folder, int maxBytes) {
        this.folder = Objects.requireNonNull(folder, "folder").toAbsolutePath().normalize();
        if (maxBytes < 1 || maxBytes > FeedFormat.MAX_DOCUMENT_BYTES) {
            throw new IllegalArgumentException("maxBytes must be 1.." + FeedFormat.MAX_DOCUMENT_BYTES + ", got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public synchronized Fetch fetch() {
        if (closed) {
            return new Fetch.Failed("the watch of " + folder + " is stopped");
        }
        if (!Files.isDirectory(folder)) {
            return new Fetch.Failed("no such folder: " + folder);
        }
        var present = new HashMap<Path, Seen>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || name.endsWith(".part") || name.endsWith(".tmp") || name.endsWith("~")) {
                    continue;
                }
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    present.put(file, new Seen(a.size(), a.lastModifiedTime().toMillis()));
                }
            }
        } catch (IOException e) {
            return new Fetch.Failed("cannot list " + folder + ": " + e.getMessage());
        }
        // Forget files that are gone, so the memory does not grow with every file ever dropped.
        processed.keySet().retainAll(present.keySet());
        var ready = new ArrayList<Map.Entry<Path, Seen>>();
        for (var e : present.entrySet()) {
            Seen now = e.getValue();
            if (now.equals(processed.get(e.getKey()))) {
                continue;
            }
            if (now.equals(candidates.get(e.getKey()))) {
                ready.add(Map.entry(e.getKey(), now));
            }
        }
        candidates.clear();
        present.forEach((file, seen) -> {
            if (!seen.equals(processed.get(file))) {
                candidates.put(file, seen);
            }
        });
        if (ready.isEmpty()) {
            return Fetch.NOT_MODIFIED;
        }
        ready.sort(Comparator.comparingLong((Map.Entry<Path, Seen> e) -> e.getValue().modifiedMillis())
                .thenComparing(e -> e.getKey().getFileName().toString()));
        var documents = new ArrayList<FeedDocument>();
        handedOut.clear();
        for (var e : ready.subList(0, Math.min(ready.size(), MAX_FILES_PER_FETCH))) {
            FeedDocument d;
            try {
                d = read(e.getKey(), e.getValue());
            } catch (IOException ex) {
                // Vanished or unreadable between listing and reading: it is looked at again next time.
                candidates.remove(e.getKey());
                continue;
            }
            documents.add(d);
            handedOut.put(d, e);
        }
        return documents.isEmpty() ? Fetch.NOT_MODIFIED : new Fetch.Documents(documents);
    }

    private FeedDocument read(Path file, Seen seen) throws IOException {
        if (seen.size() > maxBytes) {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] prefix = in.readNBytes(OVERSIZE_PREFIX);
                return new FeedDocument(file.toString(), prefix, "file of " + seen.size() + " bytes is over the limit of "
                        + maxBytes + "; only its first " + prefix.length + " bytes are kept");
            }
        }
        return new FeedDocument(file.toString(), Files.readAllBytes(file));
    }

    @Override
    public synchronized void processed(FeedDocument document) {
        var e = handedOut.remove(document);
        if (e != null) {
            processed.put(e.getKey(), e.getValue());
            candidates.remove(e.getKey());
        }
    }

    @Override
    public String describe() {
        return folder.toString();
    }

    @Override
    public void close() {
        closed = true;
    }
}
