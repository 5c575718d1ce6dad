package org.vigie.vision.eval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.vigie.vision.geom.Box;

/**
 * Flame boxes of the FURG fire dataset (OpenCV FileStorage XML: per frame, {@code x y w h} per flame). Read with
 * StAX with DTDs and external entities off.
 */
public record FurgLabels(int width, int height, TreeMap<Integer, List<Box>> frames) {

    public boolean hasFire(int frame) {
        var b = frames.get(frame);
        return b != null && !b.isEmpty();
    }

    public static FurgLabels read(Path file) throws IOException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        var frames = new TreeMap<Integer, List<Box>>();
        int width = 0;
        int height = 0;
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = f.createXMLStreamReader(in);
            Integer frame = null;
            boolean inAnnotations = false;
            int depth = 0;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    switch (r.getLocalName()) {
                        case "frameWidth" -> width = Integer.parseInt(r.getElementText().trim());
                        case "frameHeight" -> height = Integer.parseInt(r.getElementText().trim());
                        case "frameNumber" -> {
                            frame = Integer.parseInt(r.getElementText().trim());
                            frames.putIfAbsent(frame, new ArrayList<>());
                        }
                        case "annotations" -> inAnnotations = true;
                        case "_" -> {
                            if (inAnnotations && frame != null) {
                                String text = r.getElementText().trim();
                                String[] p = text.split("\\s+");
                                if (p.length != 4) {
                                    throw new IOException(file + ": frame " + frame + ": expected 'x y w h', got '" + text + "'");
                                }
                                frames.get(frame).add(new Box(Double.parseDouble(p[0]), Double.parseDouble(p[1]),
                                        Double.parseDouble(p[2]), Double.parseDouble(p[3])));
                            }
                        }
                        default -> { }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    if (r.getLocalName().equals("annotations")) {
                        inAnnotations = false;
                    }
                }
            }
        } catch (XMLStreamException | NumberFormatException e) {
            throw new IOException(file + ": not a FURG label file: " + e.getMessage(), e);
        }
        return new FurgLabels(width, height, frames);
    }
}
