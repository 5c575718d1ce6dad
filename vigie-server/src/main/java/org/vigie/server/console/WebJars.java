package org.vigie.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The version of each WebJar on the class path, read from its Maven metadata, so pages link
 * {@code /webjars/NAME/VERSION/...} without repeating versions the pom already fixes.
 */
public final class WebJars {
    private static final ConcurrentHashMap<String, String> VERSIONS = new ConcurrentHashMap<>();

    private WebJars() {
    }

    /** @throws IllegalStateException when the WebJar is not on the class path (a packaging mistake) */
    public static String path(String npmName) {
        return "/webjars/" + npmName + "/" + VERSIONS.computeIfAbsent(npmName, WebJars::read);
    }

    private static String read(String npmName) {
        String resource = "/META-INF/maven/org.webjars.npm/" + npmName + "/pom.properties";
        try (InputStream in = WebJars.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("WebJar " + npmName + " is not on the class path (" + resource + ")");
            }
            var p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
