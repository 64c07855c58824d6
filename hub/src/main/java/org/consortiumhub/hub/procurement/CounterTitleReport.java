package org.consortiumhub.hub.procurement;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reads a COUNTER Release 5 title report, as JSON (the COUNTER_SUSHI form harvested from vendors) or in the tabular
 * form vendors' portals give (tab- or comma-separated: a header block, a blank row, then a row per title and metric
 * with a column per month), for TR and its standard views TR_J1..TR_J4, TR_B1..TR_B3, into monthly counts per title
 * and metric. Rows that differ only in attributes
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
        return new Report(reportId, header.getString("Institution_Name"), counts(sums));
    }

    private static final DateTimeFormatter MONTH_COLUMN = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("MMM-uuuu").toFormatter(Locale.ENGLISH);

    /** The tabular form of a title report. */
    public static Report readTabular(String text) {
        if (text == null || text.isBlank()) {
            throw new UnreadableReportException("the report is empty");
        }
        String body = text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        String first = body.lines().findFirst().orElse("");
        boolean tabs = first.indexOf('\t') >= 0;
        CSVFormat format = (tabs ? CSVFormat.TDF : CSVFormat.DEFAULT).builder().setTrim(true).build();
        Map<String, String> header = new LinkedHashMap<>();
        Map<List<Object>, Long> sums = new LinkedHashMap<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(body), format)) {
            Map<String, Integer> columns = null;
            Map<Integer, YearMonth> months = new LinkedHashMap<>();
            for (CSVRecord row : parser) {
                long line = row.getRecordNumber();
                if (columns == null) {
                    String key = row.size() > 0 ? row.get(0).strip() : "";
                    if (key.equals("Title")) {
                        columns = new LinkedHashMap<>();
                        for (int i = 0; i < row.size(); i++) {
                            String name = row.get(i).replace(" ", "");
                            columns.put(name, i);
                            try {
                                months.put(i, YearMonth.parse(name, MONTH_COLUMN));
                            } catch (DateTimeParseException notAMonth) {
                                // a column of the title's description, not of a month
                            }
                        }
                        checkHeader(header);
                        if (!columns.containsKey("Metric_Type")) {
                            throw new UnreadableReportException("line " + line + ": the column header has no Metric_Type");
                        }
                    } else if (!key.isEmpty()) {
                        header.put(key, row.size() > 1 ? row.get(1).strip() : "");
                    }
                    continue;
                }
                String title = cell(row, columns, "Title");
                if (title == null) {
                    continue;
                }
                String metric = cell(row, columns, "Metric_Type");
                if (metric == null) {
                    throw new UnreadableReportException("line " + line + ": Metric_Type is empty");
                }
                String print = cell(row, columns, "Print_ISSN");
                String isbn = cell(row, columns, "ISBN");
                String online = cell(row, columns, "Online_ISSN");
                String platform = cell(row, columns, "Platform");
                for (Map.Entry<Integer, YearMonth> month : months.entrySet()) {
                    String value = month.getKey() < row.size() ? row.get(month.getKey()).strip() : "";
                    if (value.isEmpty()) {
                        continue;
                    }
                    if (!value.matches("\\d{1,15}")) {
                        throw new UnreadableReportException("line " + line + ": '" + value + "' under " + month.getValue()
                                + " is not a count");
                    }
                    sums.merge(List.of(title, platform == null ? "" : platform, nullToEmpty(print != null ? print : isbn),
                            nullToEmpty(online), metric, month.getValue()), Long.parseLong(value), Long::sum);
                }
            }
            if (columns == null) {
                throw new UnreadableReportException("no column header row starting with Title; is this a COUNTER R5 title report?");
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UnreadableReportException("the report cannot be read as " + (tabs ? "tab" : "comma")
                    + "-separated values: " + e.getMessage());
        }
        return new Report(header.get("Report_ID"), header.get("Institution_Name"), counts(sums));
    }

    private static void checkHeader(Map<String, String> header) {
        String release = header.get("Release");
        if (!"5".equals(release)) {
            throw new UnreadableReportException("Release: '" + release + "' is not COUNTER Release 5");
        }
        String reportId = header.get("Report_ID");
        if (!TITLE_REPORTS.contains(reportId)) {
            throw new UnreadableReportException("Report_ID: " + reportId + " is not a title report; send a TR,"
                    + " TR_J1-TR_J4 or TR_B1-TR_B3 report, which count use per title");
        }
    }

    private static String cell(CSVRecord row, Map<String, Integer> columns, String name) {
        Integer i = columns.get(name);
        if (i == null || i >= row.size()) {
            return null;
        }
        String v = row.get(i).strip();
        return v.isEmpty() ? null : v;
    }

    private static List<MonthlyCount> counts(Map<List<Object>, Long> sums) {
        List<MonthlyCount> counts = new ArrayList<>(sums.size());
        sums.forEach((k, v) -> counts.add(new MonthlyCount((String) k.get(0), (String) k.get(1), emptyToNull((String) k.get(2)),
                emptyToNull((String) k.get(3)), (String) k.get(4), (YearMonth) k.get(5), v)));
        return counts;
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
