package org.consortiumhub.adapter.sync;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows a sync moving: on a terminal a bar redrawn in place with records/s and the time left; elsewhere (a log file, a
 * scheduler) a plain line every {@code plainEverySeconds}, so logs stay readable.
 */
public class SyncProgress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long plainEveryNanos;
    private final LongSupplier ticker;
    private final long started;
    private long expected = -1;
    private long done;
    private long lastShown;

    public SyncProgress(PrintStream out, boolean terminal, int plainEverySeconds) {
        this(out, terminal, plainEverySeconds, System::nanoTime);
    }

    /** With the clock ({@link System#nanoTime} or a test's) the rate and the redraw interval are measured on. */
    SyncProgress(PrintStream out, boolean terminal, int plainEverySeconds, LongSupplier ticker) {
        this.out = out;
        this.terminal = terminal;
        this.plainEveryNanos = plainEverySeconds * 1_000_000_000L;
        this.ticker = ticker;
        this.started = ticker.getAsLong();
        this.lastShown = started;
    }

    /** Progress that shows nothing, for runs nobody watches. */
    public static SyncProgress silent() {
        return new SyncProgress(null, false, 0) {
            @Override
            synchronized void advanced(long records) {
            }

            @Override
            synchronized void finish() {
            }
        };
    }

    synchronized void expect(long records) {
        expected = records;
    }

    synchronized void advanced(long records) {
        done += records;
        long now = ticker.getAsLong();
        long every = terminal ? 200_000_000L : plainEveryNanos;
        if (now - lastShown >= every) {
            lastShown = now;
            show(now, false);
        }
    }

    synchronized void finish() {
        if (terminal) {
            show(ticker.getAsLong(), true);
        }
    }

    private void show(long now, boolean last) {
        double seconds = (now - started) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String line = line(done, expected, rate);
        if (terminal) {
            out.print("\r" + line + (last ? System.lineSeparator() : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String line(long done, long expected, double rate) {
        if (expected <= 0) {
            return String.format(Locale.ROOT, "%,d records sent, %,.0f records/s", done, rate);
        }
        double fraction = Math.min(1.0, (double) done / expected);
        int filled = (int) Math.round(fraction * WIDTH);
        String eta = rate > 0 && done < expected ? SyncSummary.readable(java.time.Duration.ofSeconds(
                (long) ((expected - done) / rate))) : "-";
        return String.format(Locale.ROOT, "[%s%s] %3.0f%% %,d/%,d records, %,.0f records/s, ETA %s",
                "#".repeat(filled), " ".repeat(WIDTH - filled), fraction * 100, done, expected, rate, eta);
    }
}
