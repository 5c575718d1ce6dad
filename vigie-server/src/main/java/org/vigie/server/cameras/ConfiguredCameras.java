package org.vigie.server.cameras;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

/**
 * Cameras named in the configuration, with layouts held in memory: what the demo and the tests use until the video
 * workers' cameras are adapted to {@link CameraDirectory}. Their snapshot is a generated neutral image (a gradient
 * with a grid), so the editor has something of the right shape to draw on.
 */
public final class ConfiguredCameras implements CameraDirectory {
    private final Map<String, Camera> cameras = new LinkedHashMap<>();
    private final Map<String, CameraLayout> layouts = new ConcurrentHashMap<>();
    private final Clock clock;

    public ConfiguredCameras(List<Camera> list, Clock clock) {
        for (Camera c : list) {
            if (cameras.putIfAbsent(c.id(), c) != null) {
                throw new IllegalArgumentException("camera id '" + c.id() + "' is configured twice");
            }
            layouts.put(c.id(), CameraLayout.EMPTY);
        }
        this.clock = clock;
    }

    @Override
    public List<Camera> cameras() {
        return List.copyOf(cameras.values());
    }

    @Override
    public Optional<Snapshot> latestSnapshot(String id) {
        Camera c = cameras.get(id);
        return c == null ? Optional.empty() : Optional.of(new Snapshot("image/png", placeholder(c), clock.instant()));
    }

    @Override
    public CameraLayout layout(String id) {
        return Optional.ofNullable(layouts.get(id)).orElseThrow(() -> new NoSuchElementException("no camera " + id));
    }

    @Override
    public Saved replaceLayout(String id, CameraLayout layout) {
        if (layouts.replace(id, layout) == null) {
            throw new NoSuchElementException("no camera " + id);
        }
        return Saved.notPersisted("cameras listed under console.cameras keep edited layouts in memory only; a restart "
                + "starts them empty");
    }

    private static byte[] placeholder(Camera c) {
        int w = 640;
        int h = 360;
        var img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        // A per-camera tint tells cameras apart at a glance without drawing text (no fonts needed headless).
        float hue = (c.id().hashCode() & 0xffff) / 65535f;
        g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, 0.25f, 0.55f), 0, h, Color.getHSBColor(hue, 0.15f, 0.25f)));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(255, 255, 255, 40));
        for (int x = 0; x < w; x += 40) {
            g.drawLine(x, 0, x, h);
        }
        for (int y = 0; y < h; y += 40) {
            g.drawLine(0, y, w, y);
        }
        g.dispose();
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
