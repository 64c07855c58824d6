package org.consortiumhub.catalog.marc;

/** What reading one record of an input gave: the record, or the reason it could not be read. */
public sealed interface ReadResult permits ReadRecord, RecordProblem {

    /** The record's position in the input, counting from 1 and counting every record, holdings included. */
    int position();
}
