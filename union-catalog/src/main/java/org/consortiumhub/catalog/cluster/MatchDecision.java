package org.consortiumhub.catalog.cluster;

import org.consortiumhub.catalog.match.MatchKey;

/**
 * The verdict on one candidate pair, kept to explain a cluster to staff: which records, whether they were found
 * to describe one manifestation, the strongest key they share, and why.
 */
public record MatchDecision(long recordA, long recordB, boolean accepted, MatchKey.Kind evidence, String reason) {
}
