package org.consortiumhub.hub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

class ChartTest {

    @Test
    void monthsWithoutAFigureAreGapsInTheLine() {
        JsonObject chart = new JsonObject(Chart.of(List.of("2026-10", "2026-11"), false,
                Chart.Series.bars("Requests", List.of(4L, 7L), "#111111"),
                Chart.Series.line("Days to supply", Arrays.asList(2.5, null), "#222222")));
        assertEquals("[4,7]", chart.getJsonObject("data").getJsonArray("datasets").getJsonObject(0).getJsonArray("data").encode());
        JsonObject line = chart.getJsonObject("data").getJsonArray("datasets").getJsonObject(1);
        assertEquals("[2.5,null]", line.getJsonArray("data").encode());
        assertEquals("line", line.getString("type"));
        assertEquals(List.of("2026-10", "2026-11"), chart.getJsonObject("data").getJsonArray("labels").getList());
    }
}
