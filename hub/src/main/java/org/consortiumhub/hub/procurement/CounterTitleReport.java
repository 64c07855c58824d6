package org.consortiumhub.hub.procurement;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reads a COUNTER Release 5 title report as JSON (the COUNTER_SUSHI form harvested from vendors: TR and its standard
 * views TR_J1..TR_J4, TR_B1..TR_B3) into monthly counts per title and metric. Rows that differ only in attributes
 * the hub does not keep (YOP, access type, section type) are added together. Reports that are not about titles
 * (PR, DR, IR) are refused: they cannot give cost per title.
 */
public final class CounterTitleReport {

    private static final Set<String> TITLE_REPORTS = Set.of("TR", "TR_J1", "TR_J2", "TR_J3", "TR_J4", "TR_B1", "TR_B2", "TR_B3");

    /** A title's count of one metric in one month. */
    public record MonthlyCount(String title, String platform, String printIdentifier, String onlineIdentifier,
            String metricType, YearMonth month, long count) {
    }

    public record Report(String reportId, String institutionName, List<MonthlyCount> counts) {
    }

    /** The report cannot be read; the message says where. */
    public static class UnreadableReportException extends IllegalArgumentException {
        UnreadableReportException(String message) {
            super(message);
        }
    }

    private CounterTitleReport() {
    }

    public static Report read(JsonObject json) {
        try {
            return parse(json);
        } catch (ClassCastException e) {
            throw new UnreadableReportException("the report has a value of the wrong type (" + e.getMessage()
                    + "); is it a COUNTER R5 JSON report?");
        }
    }

    private static Report parse(JsonObject json) {
        JsonObject header = object(json, "Report_Header", "the report");
        String reportId = string(header, "Report_ID", "Report_Header");
        if (!"5".equals(String.valueOf(header.getValue("Release")))) {
            throw new UnreadableReportException("Report_Header.Release: '" + header.getValue("Release")
                    + "' is not COUNTER Release 5");
        }
        if (!TITLE_REPORTS.contains(reportId)) {
            throw new UnreadableReportException("Report_Header.Report_ID: " + reportId + " is not a title report; send a TR,"
                    + " TR_J1-TR_J4 or TR_B1-TR_B3 report, which count use per title");
        }
        JsonArray items = json.getJsonArray("Report_Items");
        if (items == null) {
            throw new UnreadableReportException("Report_Items: missing; a report without usage has an empty Report_Items");
        }
        Map<List<Object>, Long> sums = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String where = "Report_Items[" + i + "]";
            JsonObject item = items.getJsonObject(i);
            String title = string(item, "Title", where);
            String platform = item.getString("Platform", "");
            String print = null;
            String online = null;
            JsonArray ids = item.getJsonArray("Item_ID", new JsonArray());
            for (int k = 0; k < ids.size(); k++) {
                JsonObject id = ids.getJsonObject(k);
                String type = id.getString("Type", "");
                String value = id.getString("Value");
                if (value == null || value.isBlank()) {
                    continue;
                }
                switch (type) {
                    case "Print_ISSN" -> print = value.strip();
                    case "Online_ISSN" -> online = value.strip();
                    case "ISBN" -> print = print == null ? value.strip() : print;
                    default -> { }
                }
            }
            JsonArray performance = item.getJsonArray("Performance", new JsonArray());
            for (int p = 0; p < performance.size(); p++) {
                JsonObject period = object(performance.getJsonObject(p), "Period", where + ".Performance[" + p + "]");
                YearMonth month = month(period.getString("Begin_Date"), where + ".Performance[" + p + "].Period.Begin_Date");
                JsonArray instances = performance.getJsonObject(p).getJsonArray("Instance", new JsonArray());
                for (int n = 0; n < instances.size(); n++) {
                    JsonObject instance = instances.getJsonObject(n);
                    String at = where + ".Performance[" + p + "].Instance[" + n + "]";
                    String metric = string(instance, "Metric_Type", at);
                    Object count = instance.getValue("Count");
                    if (!(count instanceof Number number) || number.longValue() < 0) {
                        throw new UnreadableReportException(at + ".Count: '" + count + "' is not a count");
                    }
                    sums.merge(List.of(title, platform, nullToEmpty(print), nullToEmpty(online), metric, month),
                            number.longValue(), Long::sum);
                }
            }
        }
        List<MonthlyCount> counts = new ArrayList<>(sums.size());
        sums.forEach((k, v) -> counts.add(new MonthlyCount((String) k.get(0), (String) k.get(1), emptyToNull((String) k.get(2)),
                emptyToNull((String) k.get(3)), (String) k.get(4), (YearMonth) k.get(5), v)));
        return new Report(reportId, header.getString("Institution_Name"), counts);
    }

    private static YearMonth month(String date, String where) {
        try {
            return YearMonth.from(LocalDate.parse(date));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new UnreadableReportException(where + ": '" + date + "' is not a date (yyyy-mm-dd)");
        }
    }

    private static JsonObject object(JsonObject parent, String name, String where) {
        Object value = parent == null ? null : parent.getValue(name);
        if (!(value instanceof JsonObject o)) {
            throw new UnreadableReportException(where + ": " + name + " is missing or not an object");
        }
        return o;
    }

    private static String string(JsonObject parent, String name, String where) {
        Object value = parent.getValue(name);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new UnreadableReportException(where + "." + name + ": missing or empty");
        }
        return s.strip();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
