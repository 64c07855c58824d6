package org.consortiumhub.adapter.source.oaipmh;

import java.util.List;

/**
 * One answer to ListRecords.
 *
 * @param responseDate the server's clock when it answered, as it wrote it
 * @param records the page's records in order
 * @param resumptionToken the token for the next page; null or empty on the last page
 * @param completeListSize the size of the whole list when the server says it, else -1
 */
record OaiPage(String responseDate, List<OaiRecord> records, String resumptionToken, long completeListSize) {

    boolean isLast() {
        return resumptionToken == null || resumptionToken.isBlank();
    }

    /**
     * One record of a page.
     *
     * @param marcXml the record's metadata as a MARCXML document, null when deleted or when it is not MARC
     * @param problem why the record's metadata cannot be used, null when it can
     */
    record OaiRecord(String identifier, String datestamp, boolean deleted, String marcXml, String problem) {
    }
}
