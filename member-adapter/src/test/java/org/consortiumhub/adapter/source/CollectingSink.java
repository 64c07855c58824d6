package org.consortiumhub.adapter.source;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a source hands over, for tests to look at. */
public final class CollectingSink implements ChangeSink {

    public final List<SourceChange> changes = new ArrayList<>();
    public final List<String> resumePoints = new ArrayList<>();
    public long expected = -1;

    @Override
    public void accept(SourceChange change) {
        changes.add(change);
    }

    @Override
    public void resumePoint(String cursor) {
        resumePoints.add(cursor);
    }

    @Override
    public void expect(long records) {
        expected = records;
    }

    public <T extends SourceChange> List<T> of(Class<T> type) {
        return changes.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
