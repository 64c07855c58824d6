package org.consortiumhub.adapter.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.consortiumhub.api.client.model.BatchReport;
import org.consortiumhub.api.client.model.RecordOutcome;
import org.consortiumhub.api.client.model.RecordOutcomeKind;

/** What a sync did, as the librarian reads it at the end: counts, and every record that did not go in and why. */
public final class SyncSummary {

    /** How many problems are kept for the report; the counts stay exact beyond it. */
    static final int PROBLEMS_KEPT = 1000;

    /** A record that did not reach the catalog: where it is, its 001 when known, and why. */
    public record Problem(String where, String localId, String reason) {
        @Override
        public String toString() {
            return where + (localId != null && !where.contains(localId) ? " (001 " + localId + ")" : "") + ": " + reason;
        }
    }

    private long read;
    private long created;
    private long updated;
    private long unchanged;
    private long deleted;
    private long rejected;
    private long malformed;
    private long absentDeleted;
    private final List<Problem> problems = new ArrayList<>();
    private boolean resumed;
    private Duration elapsed = Duration.ZERO;

    synchronized void readOne() {
        read++;
    }

    synchronized void malformed(Problem problem) {
        malformed++;
        keep(problem);
    }

    synchronized void add(BatchReport report) {
        created += report.getCreated();
        updated += report.getUpdated();
        unchanged += report.getUnchanged();
        deleted += report.getDeleted();
        rejected += report.getRejected();
        for (RecordOutcome outcome : report.getRecords()) {
            if (outcome.getOutcome() == RecordOutcomeKind.REJECTED) {
                keep(new Problem("record " + outcome.getPosition() + " of a batch", outcome.getLocalId(),
                        "rejected by the hub: " + outcome.getReason()));
            }
        }
    }

    synchronized void absentFromSource(long count) {
        absentDeleted += count;
    }

    void resumed(boolean resumed) {
        this.resumed = resumed;
    }

    void elapsed(Duration elapsed) {
        this.elapsed = elapsed;
    }

    private void keep(Problem problem) {
        if (problems.size() < PROBLEMS_KEPT) {
            problems.add(problem);
        }
    }

    public synchronized long read() {
        return read;
    }

    public synchronized long created() {
        return created;
    }

    public synchronized long updated() {
        return updated;
    }

    public synchronized long unchanged() {
        return unchanged;
    }

    public synchronized long deleted() {
        return deleted;
    }

    public synchronized long rejected() {
        return rejected;
    }

    public synchronized long malformed() {
        return malformed;
    }

    public synchronized long absentDeleted() {
        return absentDeleted;
    }

    public synchronized List<Problem> problems() {
        return List.copyOf(problems);
    }

    public Duration elapsed() {
        return elapsed;
    }

    /** Records read per second over the whole run. */
    public synchronized double recordsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? read / seconds : 0;
    }

    /** The summary as printed at the end of a sync (and kept for {@code status}), problems listed up to {@code shown}. */
    public synchronized String text(int shown) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s%,d records read in %s (%,.0f records/s)%n", resumed ? "(resumed run) " : "",
                read, readable(elapsed), recordsPerSecond()));
        s.append(String.format(Locale.ROOT, "  created    %,10d%n", created));
        s.append(String.format(Locale.ROOT, "  updated    %,10d%n", updated));
        s.append(String.format(Locale.ROOT, "  unchanged  %,10d%n", unchanged));
        s.append(String.format(Locale.ROOT, "  deleted    %,10d%s%n", deleted,
                absentDeleted > 0 ? String.format(Locale.ROOT, " (%,d of them no longer in the source)", absentDeleted) : ""));
        s.append(String.format(Locale.ROOT, "  rejected   %,10d  (by the hub)%n", rejected));
        s.append(String.format(Locale.ROOT, "  malformed  %,10d  (not sent: the adapter could not read them)%n", malformed));
        if (!problems.isEmpty()) {
            s.append("Records that did not go in, and why:").append(System.lineSeparator());
            problems.stream().limit(shown).forEach(p -> s.append("  ").append(p).append(System.lineSeparator()));
            long more = rejected + malformed - Math.min(shown, problems.size());
            if (more > 0) {
                s.append(String.format(Locale.ROOT, "  ... and %,d more%n", more));
            }
        }
        return s.toString();
    }

    static String readable(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
