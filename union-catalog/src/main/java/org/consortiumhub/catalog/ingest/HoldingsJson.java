package org.consortiumhub.catalog.ingest;

import java.util.List;

import org.consortiumhub.catalog.holdings.Holding;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A record's holdings as the catalog stores them beside it (JSON), absent values left out. */
final class HoldingsJson {

    private HoldingsJson() {
    }

    static String of(List<Holding> holdings) {
        JsonArray array = new JsonArray();
        for (Holding h : holdings) {
            JsonObject o = new JsonObject();
            putIfPresent(o, "location", h.location());
            putIfPresent(o, "sublocation", h.sublocation());
            putIfPresent(o, "callNumber", h.callNumber());
            putIfPresent(o, "barcode", h.barcode());
            putIfPresent(o, "enumeration", h.enumeration());
            putIfPresent(o, "summary", h.summary());
            o.put("status", h.status().name());
            putIfPresent(o, "statusText", h.statusText());
            putIfPresent(o, "materialType", h.materialType());
            o.put("lendable", h.lendable());
            array.add(o);
        }
        return array.encode();
    }

    private static void putIfPresent(JsonObject o, String name, String value) {
        if (value != null && !value.isBlank()) {
            o.put(name, value);
        }
    }
}
