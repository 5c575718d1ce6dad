package org.vigie.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vigie.core.model.DismissalReason;
import org.vigie.core.model.EventType;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.SourceKind;
import org.vigie.server.access.Role;
import org.vigie.server.cameras.CameraLayout;

/** Both languages say everything: same keys, every key a template uses, every label built from an enumeration. */
class MessagesTest {
    static final Path TEMPLATES = Path.of("src/main/jte");
    /** {@code .t("key"} with a literal key; a key ending in a dot is a prefix completed at run time. */
    static final Pattern KEY = Pattern.compile("\\.t\\(\"([a-z0-9.-]+)\"");

    static Properties bundle(String lang) throws IOException {
        var p = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream("/i18n/messages_" + lang + ".properties")) {
            assertThat(in).as("messages_" + lang).isNotNull();
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void frenchAndEnglishHaveTheSameKeysAndNoEmptyText() throws IOException {
        Properties fr = bundle("fr");
        Properties en = bundle("en");
        assertThat(new TreeSet<>(fr.stringPropertyNames())).isEqualTo(new TreeSet<>(en.stringPropertyNames()));
        for (Properties p : new Properties[] {fr, en}) {
            p.forEach((k, v) -> assertThat(v.toString()).as(k.toString()).isNotBlank());
        }
    }

    @Test
    void everyKeyATemplateUsesExistsAndEveryDynamicLabelToo() throws IOException {
        Properties fr = bundle("fr");
        var keys = new TreeSet<String>();
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jte")).toList()) {
                Matcher m = KEY.matcher(Files.readString(f));
                while (m.find()) {
                    keys.add(m.group(1));
                }
            }
        }
        assertThat(keys).hasSizeGreaterThan(50);
        var prefixes = new TreeSet<String>();
        for (String k : keys) {
            if (k.endsWith(".")) {
                prefixes.add(k);
            } else {
                assertThat(fr.containsKey(k)).as("template key " + k).isTrue();
            }
        }
        var dynamic = new TreeSet<String>();
        Arrays.stream(EventType.values()).forEach(t -> dynamic.add("type." + t.jsonName()));
        Arrays.stream(IncidentStatus.values()).forEach(s -> dynamic.add("status." + s.jsonName()));
        Arrays.stream(DismissalReason.values()).forEach(r -> dynamic.add("reason." + r.jsonName()));
        Arrays.stream(SourceKind.values()).forEach(k -> dynamic.add("source." + k.jsonName()));
        Arrays.stream(Role.values()).forEach(r -> dynamic.add("role." + r.jsonName()));
        Arrays.stream(CameraLayout.ZoneKind.values()).forEach(k -> dynamic.add("zone-kind." + k.jsonName()));
        Arrays.stream(CameraLayout.Direction.values()).forEach(d -> dynamic.add("direction." + d.jsonName()));
        Stream.of("connector", "camera", "sensor", "source").forEach(g -> dynamic.add("sources.group." + g));
        for (String k : dynamic) {
            assertThat(fr.containsKey(k)).as("label " + k).isTrue();
        }
        for (String prefix : prefixes) {
            assertThat(dynamic.stream().anyMatch(k -> k.startsWith(prefix))).as("prefix " + prefix + " is covered").isTrue();
        }
    }

    @Test
    void theLanguageComesFromTheBrowserWhenNotChosenAndFrenchOtherwise() {
        assertThat(Messages.fromAcceptLanguage("en-US,en;q=0.9,fr;q=0.8")).isEqualTo("en");
        assertThat(Messages.fromAcceptLanguage("de-DE,fr;q=0.5,en;q=0.4")).isEqualTo("fr");
        assertThat(Messages.fromAcceptLanguage("de-DE")).isEqualTo("fr");
        assertThat(Messages.fromAcceptLanguage(null)).isEqualTo("fr");
        assertThat(Messages.fromAcceptLanguage(";;;q=x")).isEqualTo("fr");
        assertThat(Messages.of("en").t("queue.title")).isEqualTo("Open incidents");
        assertThat(Messages.of("fr").t("sources.window", "hier")).isEqualTo("Depuis le hier.");
        assertThat(Messages.of("fr").t("no.such.key")).isEqualTo("[no.such.key]");
    }
}
