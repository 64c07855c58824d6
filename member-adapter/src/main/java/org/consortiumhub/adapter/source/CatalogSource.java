package org.consortiumhub.adapter.source;

/**
 * Where a member's catalog comes from: an OAI-PMH server or MARC files. A source reads from where the last
 * acknowledged run left it, hands every change to the sink in order with resume points between them, and says at the
 * end what the next run should start from.
 */
public interface CatalogSource {

    /** What this source reads, for messages, e.g. "OAI-PMH https://ils.example.org/oai (marc21)". */
    String describe();

    /**
     * A key naming the source's configuration: a checkpoint made for another source (another server, set or folder) is
     * not used to resume this one.
     */
    String identity();

    /**
     * Reads the changes since the last complete run.
     *
     * @param position where the last complete run ended (null on a first run) and, when a run was interrupted, the
     *        last resume point whose changes all reached the hub
     */
    SourceRun read(Position position, ChangeSink sink) throws SourceException, InterruptedException;

    /** Where reading starts: what the last complete run left, and the interrupted run's last acknowledged cursor. */
    record Position(String completed, String cursor) {
        public static final Position FIRST_RUN = new Position(null, null);
    }

    /**
     * How the run ended.
     *
     * @param completed what the next run starts from (e.g. the harvest's from-date), kept once the run is complete
     * @param fullListing true when the source listed every record the member has, so any record the hub holds for it
     *        that the run did not list is gone from the member's catalog
     */
    record SourceRun(String completed, boolean fullListing) {
    }
}
