package org.consortiumhub.adapter.source;

/** Where a source hands what it reads, in source order. */
public interface ChangeSink {

    void accept(SourceChange change) throws InterruptedException;

    /**
     * Everything handed over so far is all that must reach the hub before a later run may start reading again at
     * {@code cursor}; the sync keeps the cursor once those changes are acknowledged.
     */
    void resumePoint(String cursor) throws InterruptedException;

    /** How much work the source expects in all, for the progress display; called when the source learns it. */
    default void expect(long records) {
    }
}
