package org.consortiumhub.catalog.search;

import java.util.List;
import java.util.Map;

/** One page of clusters found, the total, and the facets of the whole result. */
public record SearchPage(long total, int page, int size, List<ClusterHit> hits, Map<String, List<FacetCount>> facets) {

    /** A manifestation found: its display fields and who holds it. */
    public record ClusterHit(long clusterId, String title, String author, Integer year, String format, String language,
            int recordCount, List<MemberHolding> holdings) {
    }

    /** How many items, and lendable items, one member holds of a manifestation. */
    public record MemberHolding(String memberCode, int items, int lendableItems) {
    }

    public record FacetCount(String value, long count) {
    }
}
