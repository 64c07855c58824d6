package org.consortiumhub.catalog.marc;

import java.util.List;

/**
 * A record read from an input. A bibliographic record carries the holdings (MFHD) records that followed it in the
 * file, in file order; other records carry none.
 */
public record ReadRecord(int position, MarcRecord record, List<MarcRecord> holdings) implements ReadResult {

    public ReadRecord {
        holdings = List.copyOf(holdings);
    }
}
