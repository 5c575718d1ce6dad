package org.vigie.app.video;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.vigie.server.cameras.CameraDirectory;
import org.vigie.server.cameras.CameraLayout;

/**
 * Several directories shown as one, so the console lists the cameras the video pipeline runs beside those only
 * named in {@code console.cameras}. A camera id may appear in one directory only.
 */
public final class CameraDirectories implements CameraDirectory {
    private final List<CameraDirectory> parts;

    /** @throws IllegalArgumentException when two directories hold the same camera id */
    public CameraDirectories(List<CameraDirectory> parts) {
        this.parts = List.copyOf(parts);
        var ids = new HashSet<String>();
        for (CameraDirectory d : this.parts) {
            for (Camera c : d.cameras()) {
                if (!ids.add(c.id())) {
                    throw new IllegalArgumentException("camera id '" + c.id()
                            + "' is both in console.cameras and a video camera file; keep it in one place");
                }
            }
        }
    }

    @Override
    public List<Camera> cameras() {
        var all = new ArrayList<Camera>();
        parts.forEach(d -> all.addAll(d.cameras()));
        return all;
    }

    @Override
    public Optional<Snapshot> latestSnapshot(String id) {
        return owner(id).flatMap(d -> d.latestSnapshot(id));
    }

    @Override
    public CameraLayout layout(String id) {
        return owner(id).orElseThrow(() -> new NoSuchElementException("no camera " + id)).layout(id);
    }

    @Override
    public Saved replaceLayout(String id, CameraLayout layout) {
        return owner(id).orElseThrow(() -> new NoSuchElementException("no camera " + id)).replaceLayout(id, layout);
    }

    private Optional<CameraDirectory> owner(String id) {
        return parts.stream().filter(d -> d.find(id).isPresent()).findFirst();
    }
}
