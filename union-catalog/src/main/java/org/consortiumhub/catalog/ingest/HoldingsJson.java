package org.consortiumhub.catalog.ingest;

import java.util.List;

import org.consortiumhub.catalog.holdings.Holding;
import org.consortiumhub.catalog.store.JsonText;

/** A record's holdings as the catalog stores them beside it (JSON), absent values left out. */
final class HoldingsJson {

    private HoldingsJson() {
    }

    static String of(List<Holding> holdings) {
        StringBuilder json = new StringBuilder(2 + 160 * holdings.size()).append('[');
        for (Holding h : holdings) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('{');
            putIfPresent(json, "location", h.location());
            putIfPresent(json, "sublocation", h.sublocation());
            putIfPresent(json, "callNumber", h.callNumber());
            putIfPresent(json, "barcode", h.barcode());
            putIfPresent(json, "enumeration", h.enumeration());
            putIfPresent(json, "summary", h.summary());
            put(json, "status", h.status().name());
            putIfPresent(json, "statusText", h.statusText());
            putIfPresent(json, "materialType", h.materialType());
            json.append(",\"lendable\":").append(h.lendable()).append('}');
        }
        return json.append(']').toString();
    }

    private static void putIfPresent(StringBuilder json, String name, String value) {
        if (value != null && !value.isBlank()) {
            put(json, name, value);
        }
    }

    private static void put(StringBuilder json, String name, String value) {
        if (json.charAt(json.length() - 1) != '{') {
            json.append(',');
        }
        json.append('"').append(name).append("\":");
        JsonText.string(json, value);
    }
}
