package org.vigie.audio.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * New WAV and FLAC files dropped in a folder (a recorder's upload directory). Polled rather than watched with
 * the file system's notifications, which network shares do not deliver. A file is handed out once, and only once
 * its size has stayed the same over two polls, so a file still being copied is not read half-written.
 */
public final class FolderWatch {
    private final Path folder;
    private final Set<Path> handed = new HashSet<>();
    private final Map<Path, Long> lastSize = new HashMap<>();

    public FolderWatch(Path folder) {
        this.folder = folder;
    }

    /** Files that became complete since the last poll, oldest name first. */
    public List<Path> poll() throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": watched folder does not exist or is not a folder");
        }
        List<Path> ready = new ArrayList<>();
        Set<Path> present = new HashSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(FolderWatch::isAudio).sorted().toList()) {
                present.add(f);
                if (handed.contains(f)) {
                    continue;
                }
                long size = Files.size(f);
                Long previous = lastSize.put(f, size);
                if (previous != null && previous == size && size > 0) {
                    handed.add(f);
                    lastSize.remove(f);
                    ready.add(f);
                }
            }
        }
        // Forget files that were removed (processed and deleted, or moved away), so memory stays bounded.
        handed.retainAll(present);
        lastSize.keySet().retainAll(present);
        return ready;
    }

    static boolean isAudio(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".wav") || n.endsWith(".flac"));
    }
}
