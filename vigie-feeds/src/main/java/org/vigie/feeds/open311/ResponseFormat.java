package org.vigie.feeds.open311;

import java.util.Locale;
import java.util.Optional;

/** The two encodings of every GeoReport resource, chosen by the extension of the path ({@code services.xml}). */
public enum ResponseFormat {
    JSON("json", "application/json; charset=utf-8"),
    XML("xml", "text/xml; charset=utf-8");

    private final String extension;
    private final String contentType;

    ResponseFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<ResponseFormat> fromExtension(String ext) {
        String e = ext.toLowerCase(Locale.ROOT);
        for (ResponseFormat f : values()) {
            if (f.extension.equals(e)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
