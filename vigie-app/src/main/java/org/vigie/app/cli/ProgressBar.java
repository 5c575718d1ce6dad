package org.vigie.app.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * A one-line progress bar on stderr for long commands. On a terminal it redraws in place; in a log or CI
 * (no console) it prints a line at every tenth instead, so output stays readable.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String unit;
    private final long total;
    private final boolean interactive;
    private final Instant started = Instant.now();
    private long done;
    private int lastTenth = -1;
    private long lastDraw;

    public ProgressBar(PrintStream out, String unit, long total) {
        this.out = out;
        this.unit = unit;
        this.total = Math.max(total, 1);
        this.interactive = System.console() != null;
    }

    public void step(long n) {
        done += n;
        long now = System.nanoTime();
        int tenth = (int) (10 * done / total);
        if (interactive && now - lastDraw > 100_000_000L || !interactive && tenth != lastTenth || done >= total) {
            lastDraw = now;
            lastTenth = tenth;
            draw();
        }
    }

    private void draw() {
        double fraction = Math.min(1.0, (double) done / total);
        int filled = (int) (fraction * WIDTH);
        double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
        String line = String.format("[%s%s] %3d%% %d/%d %s, %.0f %s/s", "=".repeat(filled), " ".repeat(WIDTH - filled),
                (int) (fraction * 100), done, total, unit, done / seconds, unit);
        out.print(interactive ? "\r" + line : line + System.lineSeparator());
        out.flush();
    }

    @Override
    public void close() {
        if (interactive) {
            out.println();
        }
    }
}
