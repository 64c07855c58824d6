package org.consortiumhub.hub.preservation;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.consortiumhub.catalog.marc.DataField;
import org.consortiumhub.catalog.marc.Subfield;

/**
 * A shared-print retention commitment as MARC 21 field 583 (Action Note) carries it, following the practice of
 * shared print programs (PAPR, EAST, ReCAP): {@code $a committed to retain}, {@code $c} when the commitment began,
 * {@code $d} until when ("20351231", "in perpetuity"), {@code $f} the program (repeatable), {@code $i} the validation
 * level, {@code $l} the condition found, {@code $3} the materials, {@code $z}/{@code $x} public and staff notes,
 * {@code $u} a URI, {@code $5} the institution, {@code $8} the link to the holding, {@code $2} the source of terms.
 * Reading and writing keep every one of these subfields, so a note survives a round trip unchanged.
 */
public record RetentionNote(String materials, String actionDate, String actionInterval, List<String> authorizations,
        String validationLevel, String condition, String publicNote, String nonpublicNote, String uri, String sourceOfTerm,
        String institution, String link) {

    public static final String ACTION = "committed to retain";

    public RetentionNote {
        authorizations = authorizations == null ? List.of() : List.copyOf(authorizations);
    }

    /** The commitment in this 583, or empty when the field records another action (or none). */
    public static Optional<RetentionNote> fromField(DataField field) {
        if (!"583".equals(field.tag())) {
            return Optional.empty();
        }
        String action = field.first('a');
        if (action == null || !action.strip().toLowerCase(Locale.ROOT).startsWith(ACTION)) {
            return Optional.empty();
        }
        return Optional.of(new RetentionNote(first(field, '3'), first(field, 'c'), first(field, 'd'),
                field.all('f').stream().map(String::strip).filter(s -> !s.isEmpty()).toList(), first(field, 'i'),
                first(field, 'l'), first(field, 'z'), first(field, 'x'), first(field, 'u'), first(field, '2'),
                first(field, '5'), first(field, '8')));
    }

    /** The 583 field: first indicator 1 (not private), subfields in the order programs catalogue them. */
    public DataField toField() {
        List<Subfield> s = new ArrayList<>();
        add(s, '3', materials);
        add(s, 'a', ACTION);
        add(s, 'c', actionDate);
        add(s, 'd', actionInterval);
        authorizations.forEach(f -> add(s, 'f', f));
        add(s, 'i', validationLevel);
        add(s, 'l', condition);
        add(s, 'u', uri);
        add(s, 'x', nonpublicNote);
        add(s, 'z', publicNote);
        add(s, '2', sourceOfTerm);
        add(s, '5', institution);
        add(s, '8', link);
        return new DataField("583", '1', ' ', s);
    }

    /** Whether {@code $d} says the commitment never ends. */
    public static boolean isPerpetual(String interval) {
        if (interval == null) {
            return false;
        }
        String t = interval.strip().toLowerCase(Locale.ROOT);
        return t.contains("perpetuity") || t.contains("indefinite") || t.equals("permanent");
    }

    /**
     * The date a 583 {@code $c} or {@code $d} names: {@code yyyymmdd}, {@code yyyy-mm-dd}, {@code yyyymm} (the month's
     * last day for an end, first for a start) or {@code yyyy} (the year's last or first day). Null for text that is
     * no date ("in perpetuity", "until superseded").
     */
    public static LocalDate dateOf(String text, boolean end) {
        if (text == null) {
            return null;
        }
        String digits = text.strip().replace("-", "");
        if (!digits.matches("\\d{4}(\\d{2}(\\d{2})?)?")) {
            return null;
        }
        try {
            return switch (digits.length()) {
                case 8 -> LocalDate.parse(digits, DateTimeFormatter.BASIC_ISO_DATE);
                case 6 -> {
                    LocalDate first = LocalDate.of(Integer.parseInt(digits.substring(0, 4)), Integer.parseInt(digits.substring(4)), 1);
                    yield end ? first.withDayOfMonth(first.lengthOfMonth()) : first;
                }
                default -> end ? LocalDate.of(Integer.parseInt(digits), 12, 31) : LocalDate.of(Integer.parseInt(digits), 1, 1);
            };
        } catch (RuntimeException notADate) {
            return null;
        }
    }

    /** A date as 583 {@code $c}/{@code $d} write it. */
    public static String marcDate(LocalDate date) {
        return date == null ? null : date.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    private static String first(DataField field, char code) {
        String v = field.first(code);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static void add(List<Subfield> subfields, char code, String value) {
        if (value != null && !value.isBlank()) {
            subfields.add(new Subfield(code, value));
        }
    }
}
