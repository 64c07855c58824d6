package org.consortiumhub.adapter.source;

import java.util.List;

import org.consortiumhub.catalog.marc.MarcRecord;

/** One thing a member's system says about its catalog: a record to keep, a record gone, or a record that is broken. */
public sealed interface SourceChange {

    /** A bibliographic record, with the holdings records that belong to it, to create or update at the hub. */
    record Upsert(String localId, MarcRecord record, List<MarcRecord> holdings) implements SourceChange {
        public Upsert {
            holdings = List.copyOf(holdings);
        }
    }

    /** The record with this local id (001) is withdrawn from the member's catalog. */
    record Removal(String localId) implements SourceChange {
    }

    /**
     * A record the adapter cannot send, and why, in words a cataloguer can act on.
     *
     * @param where where the record is, e.g. "records.mrc record 17" or "OAI-PMH record oai:x:123"
     * @param localId its 001 when it could be read, else null
     */
    record Malformed(String where, String localId, String reason) implements SourceChange {
    }
}
