package org.consortiumhub.catalog.cluster;

/**
 * The knobs of matching.
 *
 * @param maxRecordsPerKey a key held by more records than this is a stop key and proposes no candidates: an
 *        identifier misused (a series ISBN in every volume, a placeholder ISBN, an OCLC number pasted by a macro)
 *        or a title so generic that title, date, format and extent together say nothing
 * @param oclcTitleSimilarity the title similarity required when the records share an OCLC number: low, since
 *        WorldCat already says they are one manifestation and titles differ only by transcription
 * @param identifierTitleSimilarity required when they share an LCCN, ISBN or ISSN, which publishers and
 *        cataloguers sometimes reuse across editions and formats
 * @param descriptiveTitleSimilarity required when only the descriptive key is shared: strict, since the
 *        description is then all the evidence there is
 */
public record ClusterSettings(
        int maxRecordsPerKey,
        double oclcTitleSimilarity,
        double identifierTitleSimilarity,
        double descriptiveTitleSimilarity) {

    /**
     * A manifestation is held at most once by each member, and consortia have up to 200 members, a few of which
     * hold a duplicate record: 500 records on one key is beyond any real holding pattern.
     */
    public static final ClusterSettings DEFAULTS = new ClusterSettings(500, 0.5, 0.7, 0.9);

    public ClusterSettings {
        if (maxRecordsPerKey < 2) {
            throw new IllegalArgumentException("maxRecordsPerKey must be at least 2, was " + maxRecordsPerKey);
        }
    }

    public boolean isStopKey(int recordsHoldingKey) {
        return recordsHoldingKey > maxRecordsPerKey;
    }
}
