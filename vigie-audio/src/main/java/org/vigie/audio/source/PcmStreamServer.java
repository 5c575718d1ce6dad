package org.vigie.audio.source;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts sensor connections and reads {@link PcmFraming} frames from each, one virtual thread per connection.
 * A sensor that disconnects simply connects again; its frames carry their capture time, so the receiving side
 * knows a gap from a continuation. A malformed frame closes that connection (a byte stream cannot be trusted
 * after it) and is reported to {@code errors}, never dropped silently.
 */
public final class PcmStreamServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PcmStreamServer.class);

    /** What the server hands on: frames, connection events and errors, each with the sensor when known. */
    public interface Sink {
        void frame(PcmFrame frame);

        void connected(String remote);

        void error(Optional<String> sensorId, String message);
    }

    public static final int SILENCE_TIMEOUT_MILLIS = 60_000;

    private final ServerSocket socket;
    private final Sink sink;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    public PcmStreamServer(String host, int port, Sink sink) throws IOException {
        this.socket = new ServerSocket();
        this.socket.bind(new InetSocketAddress(host, port));
        this.sink = sink;
        threads.submit(this::acceptLoop);
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                threads.submit(() -> serve(connection));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("accepting a sensor connection failed: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(Socket connection) {
        String remote = String.valueOf(connection.getRemoteSocketAddress());
        sink.connected(remote);
        Optional<String> sensor = Optional.empty();
        try (connection; var in = new DataInputStream(new BufferedInputStream(connection.getInputStream(), 1 << 16))) {
            // A sensor whose network dropped without a close would hold its connection forever: a silent minute ends it.
            connection.setSoTimeout(SILENCE_TIMEOUT_MILLIS);
            Optional<PcmFrame> frame;
            while ((frame = PcmFraming.read(in)).isPresent()) {
                sensor = Optional.of(frame.get().sensorId());
                sink.frame(frame.get());
            }
        } catch (SocketException e) {
            if (!socket.isClosed()) {
                sink.error(sensor, "connection from " + remote + " lost: " + e.getMessage());
            }
        } catch (IOException | RuntimeException e) {
            sink.error(sensor, "connection from " + remote + " closed: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }
}
