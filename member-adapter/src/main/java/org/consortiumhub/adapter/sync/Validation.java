package org.consortiumhub.adapter.sync;

import org.consortiumhub.adapter.source.CatalogSource;
import org.consortiumhub.adapter.source.ChangeSink;
import org.consortiumhub.adapter.source.SourceChange;
import org.consortiumhub.adapter.source.SourceException;

import java.util.List;

/**
 * A dry run: reads the source as the next sync would, encodes every record as it would be sent, and counts what would
 * be sent and what is malformed and why. Nothing reaches the hub and no checkpoint moves.
 */
public final class Validation {

    private Validation() {
    }

    /** What a sync would do. */
    public record Result(long upserts, long removals, long malformed, List<SyncSummary.Problem> problems) {
    }

    public static Result of(CatalogSource source, CatalogSource.Position position, SyncProgress progress)
            throws SourceException, InterruptedException {
        SyncSummary problems = new SyncSummary();
        long[] counts = new long[2];
        source.read(position, new ChangeSink() {
            @Override
            public void accept(SourceChange change) {
                progress.advanced(1);
                if (change instanceof SourceChange.Upsert upsert) {
                    // a record too large for ISO 2709 is sent as MARCXML, so only a record neither can hold fails
                    BatchEncoder.encode(List.of(upsert));
                    counts[0]++;
                } else if (change instanceof SourceChange.Removal) {
                    counts[1]++;
                } else if (change instanceof SourceChange.Malformed bad) {
                    problems.malformed(new SyncSummary.Problem(bad.where(), bad.localId(), bad.reason()));
                }
            }

            @Override
            public void resumePoint(String cursor) {
            }

            @Override
            public void expect(long records) {
                progress.expect(records);
            }
        });
        progress.finish();
        return new Result(counts[0], counts[1], problems.malformed(), problems.problems());
    }
}
