package org.consortiumhub.catalog.marc;

/** Reads the records of one input, one at a time, in one format. */
interface RecordSource {

    /** The next record or problem, or null when the input has no more. Never throws: failures become problems. */
    ReadResult next();
}
