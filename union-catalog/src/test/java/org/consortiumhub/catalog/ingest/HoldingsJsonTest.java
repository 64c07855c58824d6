package org.consortiumhub.catalog.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.consortiumhub.catalog.holdings.Holding;
import org.consortiumhub.catalog.holdings.ItemStatus;
import org.consortiumhub.catalog.search.SearchPage.MemberHolding;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

class HoldingsJsonTest {

    @Test
    void holdingsAreValidJsonWithAbsentValuesLeftOutAndAwkwardCharactersEscaped() {
        Holding shelved = new Holding("Main \"Old\" Library", " ", "PR4034 .P7\\2008", "3900\u0001123", null, "BOOK",
                ItemStatus.AVAILABLE, "Available", true, null);
        Holding serial = new Holding("Annex", null, null, null, null, null, ItemStatus.UNAVAILABLE, null, false,
                "v.1 (1930)-v.171 (2015) – ספרים");

        JsonArray parsed = new JsonArray(HoldingsJson.of(List.of(shelved, serial)));

        assertEquals(new JsonArray().add(new JsonObject().put("location", "Main \"Old\" Library")
                .put("callNumber", "PR4034 .P7\\2008").put("barcode", "3900\u0001123").put("status", "AVAILABLE")
                .put("statusText", "Available").put("materialType", "BOOK").put("lendable", true))
                .add(new JsonObject().put("location", "Annex").put("summary", "v.1 (1930)-v.171 (2015) – ספרים")
                        .put("status", "UNAVAILABLE").put("lendable", false)), parsed);
        assertEquals("[]", HoldingsJson.of(List.of()));
    }

    @Test
    void aClustersHoldingsSummaryReadsBackAsWritten() {
        List<MemberHolding> summary = List.of(new MemberHolding("US-ab\"c", 3, 1), new MemberHolding("NP-KTM\\1", 0, 0));
        assertEquals(summary, MemberHolding.listOf(new JsonArray(MemberHolding.json(summary))));
        assertEquals(List.of(), MemberHolding.listOf(new JsonArray(MemberHolding.json(List.of()))));
    }
}
