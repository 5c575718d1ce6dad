package org.vigie.feeds.gtfs;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The files of one static GTFS feed, from a zip or a folder. Nothing is extracted to disk; each file is streamed
 * when asked for, and reading stops past {@link #MAX_FILE_BYTES} so that a zip bomb cannot fill memory or disk.
 * Feeds zipped with their folder ({@code gtfs/stops.txt}) are read as if the files were at the root.
 */
final class GtfsFiles implements Closeable {
    /** Far above any real file (stop_times.txt of a national feed is a few GiB at most, zipped to far less). */
    static final long MAX_FILE_BYTES = 4L << 30;
    static final int MAX_ENTRIES = 10_000;

    private final String name;
    private final ZipFile zip;
    private final Path folder;
    /** Base name → entry name (zip) or file (folder). */
    private final Map<String, String> files;

    private GtfsFiles(String name, ZipFile zip, Path folder, Map<String, String> files) {
        this.name = name;
        this.zip = zip;
        this.folder = folder;
        this.files = files;
    }

    static GtfsFiles open(Path path) {
        String name = path.toString();
        if (Files.isDirectory(path)) {
            var files = new TreeMap<String, String>();
            try (Stream<Path> s = Files.list(path)) {
                s.filter(Files::isRegularFile).limit(MAX_ENTRIES)
                        .forEach(p -> files.put(p.getFileName().toString(), p.getFileName().toString()));
            } catch (IOException e) {
                throw new GtfsFeedException(name, "cannot list the folder: " + e.getMessage(), e);
            }
            return new GtfsFiles(name, null, path, Collections.unmodifiableMap(files));
        }
        if (!Files.isRegularFile(path)) {
            throw new GtfsFeedException(name, "no such file or folder");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (IOException | RuntimeException e) {
            // ZipFile throws ZipException for a file that is not a zip, and IllegalArgumentException for entry
            // names that are not valid in the archive's charset: both mean "not a readable zip".
            throw new GtfsFeedException(name, "not a readable zip file (" + e.getMessage() + ")", e);
        }
        try {
            return new GtfsFiles(name, zip, null, index(name, zip));
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    private static Map<String, String> index(String name, ZipFile zip) {
        var byBase = new TreeMap<String, List<String>>();
        int count = 0;
        try {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (++count > MAX_ENTRIES) {
                    throw new GtfsFeedException(name, "more than " + MAX_ENTRIES + " entries: not a GTFS feed");
                }
                if (e.isDirectory() || e.getName().startsWith("__MACOSX/")) {
                    continue;
                }
                String entry = e.getName();
                String base = entry.substring(entry.lastIndexOf('/') + 1);
                if (!base.isEmpty() && !base.startsWith(".")) {
                    byBase.computeIfAbsent(base, k -> new ArrayList<>()).add(entry);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new GtfsFeedException(name, "not a readable zip file (" + e.getMessage() + ")", e);
        }
        var files = new TreeMap<String, String>();
        byBase.forEach((base, entries) -> {
            if (entries.size() > 1) {
                // Prefer the shallowest copy; two at the same depth is ambiguous and worth refusing.
                entries.sort((a, b) -> Long.compare(a.chars().filter(c -> c == '/').count(),
                        b.chars().filter(c -> c == '/').count()));
                if (entries.get(0).chars().filter(c -> c == '/').count()
                        == entries.get(1).chars().filter(c -> c == '/').count()) {
                    throw new GtfsFeedException(name, "the zip holds " + base + " twice: " + entries
                            + "; which one is the feed?");
                }
            }
            files.put(base, entries.get(0));
        });
        return Collections.unmodifiableMap(files);
    }

    String name() {
        return name;
    }

    /** The base names of the files, sorted. */
    List<String> names() {
        return List.copyOf(files.keySet());
    }

    boolean has(String file) {
        return files.containsKey(file);
    }

    /** The file's bytes as a stream, or empty when the feed has no such file. */
    Optional<InputStream> open(String file) throws IOException {
        String entry = files.get(file);
        if (entry == null) {
            return Optional.empty();
        }
        InputStream in;
        if (zip != null) {
            ZipEntry e = zip.getEntry(entry);
            if (e == null) {
                return Optional.empty();
            }
            in = zip.getInputStream(e);
        } else {
            in = Files.newInputStream(folder.resolve(entry));
        }
        return Optional.of(new Bounded(in, file));
    }

    @Override
    public void close() {
        if (zip != null) {
            closeQuietly(zip);
        }
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // Read-only: nothing to lose.
        }
    }

    /** Stops a file (or a zip bomb posing as one) at {@link #MAX_FILE_BYTES}. */
    private static final class Bounded extends FilterInputStream {
        private final String file;
        private long read;

        Bounded(InputStream in, String file) {
            super(in);
            this.file = file;
        }

        private void count(long n) throws IOException {
            if (n > 0 && (read += n) > MAX_FILE_BYTES) {
                throw new IOException(file + " is larger than " + (MAX_FILE_BYTES >> 30) + " GiB uncompressed");
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count(n);
            return n;
        }
    }
}
