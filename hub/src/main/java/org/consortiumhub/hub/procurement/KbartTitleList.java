package org.consortiumhub.hub.procurement;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a title list in KBART form (NISO RP-9-2014): a header row of KBART column names, then a title a row,
 * tab-separated as KBART prescribes or comma-separated as spreadsheets export it. Only the columns a proposal
 * needs are kept. A list with any unreadable row is refused whole, with every problem by line.
 */
public final class KbartTitleList {

    public static final int MAX_TITLES = 100_000;
    private static final int MAX_PROBLEMS_REPORTED = 10;

    /** One title of the list; {@code line} is its row in the file (the header is row 1). */
    public record Title(int line, String title, String printIdentifier, String onlineIdentifier, String publicationType,
            String publisher) {
    }

    /** The list could not be read; {@code problems} says why, line by line. */
    public static class UnreadableListException extends IllegalArgumentException {
        private final List<String> problems;

        UnreadableListException(List<String> problems) {
            super(problems.size() == 1 ? problems.get(0)
                    : problems.size() + " problems, first: " + String.join("; ", problems.subList(0, Math.min(3, problems.size()))));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private KbartTitleList() {
    }

    public static List<Title> read(String text) {
        if (text == null || text.isBlank()) {
            throw new UnreadableListException(List.of("the title list is empty; send a KBART header row and one title a row"));
        }
        String body = text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        String header = body.lines().findFirst().orElse("");
        boolean tabs = header.indexOf('\t') >= 0;
        CSVFormat format = (tabs ? CSVFormat.TDF.builder().setQuote(null) : CSVFormat.DEFAULT.builder())
                .setIgnoreEmptyLines(true).setTrim(true).build();
        List<String> problems = new ArrayList<>();
        List<Title> titles = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(body), format)) {
            Map<String, Integer> columns = null;
            for (CSVRecord row : parser) {
                if (columns == null) {
                    columns = columns(row);
                    if (!columns.containsKey("publication_title")) {
                        throw new UnreadableListException(List.of("line 1: the header has no publication_title column;"
                                + " a KBART list starts with a header row such as publication_title, print_identifier,"
                                + " online_identifier (found: " + String.join(", ", row.toList()) + ")"));
                    }
                    if (!columns.containsKey("print_identifier") && !columns.containsKey("online_identifier")) {
                        throw new UnreadableListException(List.of("line 1: the header has neither print_identifier nor"
                                + " online_identifier, so no title could be found in the union catalog"));
                    }
                    continue;
                }
                int line = (int) row.getRecordNumber();
                if (titles.size() == MAX_TITLES) {
                    throw new UnreadableListException(List.of("the list has more than " + MAX_TITLES
                            + " titles; split it into several proposals"));
                }
                if (row.stream().allMatch(String::isBlank)) {
                    continue; // a row of empty cells, as spreadsheets leave at the end
                }
                String title = value(row, columns, "publication_title");
                if (title == null) {
                    problems.add("line " + line + ": publication_title is empty");
                    continue;
                }
                titles.add(new Title(line, title, value(row, columns, "print_identifier"),
                        value(row, columns, "online_identifier"), value(row, columns, "publication_type"),
                        value(row, columns, "publisher_name")));
            }
            if (columns == null) {
                throw new UnreadableListException(List.of("the title list has no header row"));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UnreadableListException(List.of("the title list cannot be read as "
                    + (tabs ? "tab" : "comma") + "-separated values: " + e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new UnreadableListException(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS_REPORTED)));
        }
        if (titles.isEmpty()) {
            throw new UnreadableListException(List.of("the title list has a header but no titles"));
        }
        return titles;
    }

    private static Map<String, Integer> columns(CSVRecord header) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        return columns;
    }

    private static String value(CSVRecord row, Map<String, Integer> columns, String name) {
        Integer i = columns.get(name);
        if (i == null || i >= row.size()) {
            return null;
        }
        String v = row.get(i).trim();
        return v.isEmpty() ? null : v;
    }
}
