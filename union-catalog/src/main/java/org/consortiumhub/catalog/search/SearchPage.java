package org.consortiumhub.catalog.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.consortiumhub.catalog.store.JsonText;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** One page of clusters found, the total, and the facets of the whole result. */
public record SearchPage(long total, int page, int size, List<ClusterHit> hits, Map<String, List<FacetCount>> facets) {

    /** A manifestation found: its display fields and who holds it. */
    public record ClusterHit(long clusterId, String title, String author, Integer year, String format, String language,
            int recordCount, List<MemberHolding> holdings) {
    }

    /** How many items, and lendable items, one member holds of a manifestation. */
    public record MemberHolding(String memberCode, int items, int lendableItems) {

        /** A cluster's holdings summary as the catalog stores it: {@code [{"member", "items", "lendable"}]}. */
        public static List<MemberHolding> listOf(JsonArray summary) {
            List<MemberHolding> members = new ArrayList<>(summary.size());
            for (int i = 0; i < summary.size(); i++) {
                JsonObject h = summary.getJsonObject(i);
                members.add(new MemberHolding(h.getString("member"), h.getInteger("items"), h.getInteger("lendable")));
            }
            return members;
        }

        /** The holdings summary as the catalog stores it, the inverse of {@link #listOf(JsonArray)}. */
        public static String json(List<MemberHolding> summary) {
            StringBuilder json = new StringBuilder(2 + 48 * summary.size()).append('[');
            for (MemberHolding h : summary) {
                if (json.length() > 1) {
                    json.append(',');
                }
                json.append("{\"member\":");
                JsonText.string(json, h.memberCode());
                json.append(",\"items\":").append(h.items()).append(",\"lendable\":").append(h.lendableItems()).append('}');
            }
            return json.append(']').toString();
        }
    }

    public record FacetCount(String value, long count) {
    }
}
