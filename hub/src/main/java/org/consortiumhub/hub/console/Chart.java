package org.consortiumhub.hub.console;

import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A Chart.js configuration for a console page, written into the page as JSON and drawn by the console's script; the
 * page shows the same figures in a table beside it.
 */
public final class Chart {

    /** One series: its legend, values (null for a gap) and colour; {@code line} draws it as a line over bars. */
    public record Series(String label, List<? extends Number> values, String colour, boolean line) {

        public static Series bars(String label, List<? extends Number> values, String colour) {
            return new Series(label, values, colour, false);
        }

        public static Series line(String label, List<? extends Number> values, String colour) {
            return new Series(label, values, colour, true);
        }
    }

    private Chart() {
    }

    /** Bars (stacked or side by side) with optional lines, over the given labels; JSON for the page. */
    public static String of(List<String> labels, boolean stacked, Series... series) {
        JsonArray datasets = new JsonArray();
        for (Series s : series) {
            // a month without a figure (no request decided yet) is a gap in the line: null, which List.copyOf refuses
            JsonArray data = new JsonArray();
            s.values().forEach(data::add);
            JsonObject set = new JsonObject().put("label", s.label()).put("data", data)
                    .put("backgroundColor", s.colour()).put("borderColor", s.colour());
            if (s.line()) {
                set.put("type", "line").put("tension", 0.2).put("spanGaps", true);
            }
            datasets.add(set);
        }
        JsonObject axis = new JsonObject().put("stacked", stacked);
        return new JsonObject()
                .put("type", "bar")
                .put("data", new JsonObject().put("labels", new JsonArray(List.copyOf(labels))).put("datasets", datasets))
                .put("options", new JsonObject().put("responsive", true).put("maintainAspectRatio", false)
                        .put("scales", new JsonObject().put("x", axis.copy())
                                .put("y", axis.copy().put("beginAtZero", true))))
                .encode();
    }
}
