package org.consortiumhub.catalog.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consortiumhub.catalog.marc.DataField;
import org.consortiumhub.catalog.marc.MarcRecord;

/** Reading the descriptive match points out of a MARC record, each normalised so that members' forms agree. */
final class MatchPoints {

    private static final Pattern YEAR = Pattern.compile("(?<!\\d)(1[0-9]{3}|20[0-9]{2})(?!\\d)");
    private static final Pattern PAGES = Pattern.compile(
            "(\\d+) ?(?:p|pp|pages?|leaves|leaf|l|s|seiten|f|ff|feuillets|str)\\b");
    private static final Pattern VOLUMES = Pattern.compile("(\\d+) ?(?:v|vol|vols|volumes?|t|tomes?|bd|bde)\\b");
    /** What may follow the digits of an edition's number: "2nd", "2d", "2e", "2eme", "2a", "2o", "2te". */
    private static final Set<String> ORDINAL_ENDINGS = Set.of("", "st", "nd", "rd", "th", "d", "e", "er", "re", "eme", "a",
            "o", "te");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** Ordinal words of the languages members catalogue in most, as they read after folding. */
    private static final Map<String, String> ORDINAL_WORDS = Map.ofEntries(
            Map.entry("first", "1"), Map.entry("second", "2"), Map.entry("third", "3"), Map.entry("fourth", "4"),
            Map.entry("fifth", "5"), Map.entry("sixth", "6"), Map.entry("seventh", "7"), Map.entry("eighth", "8"),
            Map.entry("ninth", "9"), Map.entry("tenth", "10"), Map.entry("eleventh", "11"),
            Map.entry("twelfth", "12"), Map.entry("premiere", "1"), Map.entry("deuxieme", "2"),
            Map.entry("seconde", "2"), Map.entry("troisieme", "3"), Map.entry("quatrieme", "4"),
            Map.entry("erste", "1"), Map.entry("zweite", "2"), Map.entry("dritte", "3"), Map.entry("vierte", "4"),
            Map.entry("primera", "1"), Map.entry("segunda", "2"), Map.entry("tercera", "3"));

    /** Words that say "edition" without saying which. */
    private static final Set<String> EDITION_WORDS = Set.of(
            "ed", "edn", "edition", "editions", "aufl", "auflage", "ausg", "ausgabe", "edicion", "edizione");

    /** Words that name a publisher's kind of business rather than the publisher. */
    private static final Set<String> PUBLISHER_WORDS = Set.of(
            "the", "and", "of", "inc", "ltd", "llc", "co", "corp", "company", "group", "publisher", "publishers",
            "publishing", "pub", "press", "books", "verlag", "verl", "editions", "editeur", "editeurs",
            "university", "univ");

    private MatchPoints() {
    }

    /** Date 1 of 008/07-10; when it is blank or partly unknown, the first year in 264 (publication) or 260 $c. */
    static String date(MarcRecord record) {
        String fixed = record.controlField("008");
        if (fixed != null && fixed.length() >= 11) {
            String date1 = fixed.substring(7, 11);
            if (YEAR.matcher(date1).matches()) {
                return date1;
            }
        }
        Matcher year = YEAR.matcher(nullToEmpty(publicationField(record, 'c')));
        return year.find() ? year.group(1) : "";
    }

    /** A subfield of the publication statement: 264 with second indicator 1, else 260, else any 264. */
    private static String publicationField(MarcRecord record, char code) {
        DataField found = null;
        for (DataField f : record.fields("264")) {
            if (f.ind2() == '1' && f.first(code) != null) {
                return f.first(code);
            }
            found = found == null && f.first(code) != null ? f : found;
        }
        String old = record.first("260", code);
        return old != null ? old : found == null ? null : found.first(code);
    }

    /**
     * The title proper and the remainder of the title, folded: 245 $a without its non-filing characters, with
     * $n and $p; the remainder is $b, or what follows an ISBD " : " or " = " when a member typed the subtitle or
     * a parallel title into $a.
     */
    static String[] titleAndRemainder(MarcRecord record) {
        DataField f = record.field("245");
        if (f == null) {
            return new String[] {"", ""};
        }
        String a = nullToEmpty(f.first('a'));
        if (f.ind2() >= '1' && f.ind2() <= '9') {
            a = a.substring(Math.min(a.length(), f.ind2() - '0'));
        }
        int cut = isbdSeparator(a);
        StringBuilder proper = new StringBuilder(cut < 0 ? a : a.substring(0, cut));
        StringBuilder remainder = new StringBuilder(cut < 0 ? "" : a.substring(cut + 3));
        for (var s : f.subfields()) {
            switch (s.code()) {
                case 'n', 'p' -> proper.append(' ').append(s.value());
                case 'b' -> remainder.append(' ').append(s.value());
                default -> { }
            }
        }
        return new String[] {MatchText.fold(proper.toString()), MatchText.fold(remainder.toString())};
    }

    private static int isbdSeparator(String a) {
        int colon = a.indexOf(" : ");
        int equals = a.indexOf(" = ");
        return colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
    }

    /**
     * The main entry (100, 110 or 111), else the first added personal name (700), folded. Personal names keep
     * only $a: members differ in adding dates and titles to a heading, not in the name.
     */
    static String author(MarcRecord record) {
        DataField f = record.field("100");
        if (f == null) {
            f = record.field("110");
            if (f != null) {
                return MatchText.fold(f.joined("ab"));
            }
            f = record.field("111");
        }
        if (f == null) {
            f = record.field("700");
        }
        return f == null ? "" : MatchText.fold(f.first('a'));
    }

    /** Pages and volumes from 300 $a: the largest number counted in pages or leaves, the number of volumes. */
    static int[] pagesAndVolumes(MarcRecord record) {
        String extent = MatchText.fold(record.first("300", 'a'));
        return new int[] {largestCount(PAGES, extent), largestCount(VOLUMES, extent)};
    }

    private static int largestCount(Pattern unit, String extent) {
        int largest = 0;
        Matcher m = unit.matcher(extent);
        while (m.find()) {
            String digits = m.group(1);
            largest = Math.max(largest, digits.length() > 6 ? 0 : Integer.parseInt(digits));
        }
        return largest;
    }

    /**
     * The edition statement (250 $a) as its number when it has one, so that "2nd ed.", "Second edition" and
     * "2. Aufl." all read "2"; otherwise its folded words without the word "edition" ("large print").
     */
    static String edition(MarcRecord record) {
        String folded = MatchText.fold(record.first("250", 'a'));
        if (folded.isEmpty()) {
            return "";
        }
        StringBuilder words = new StringBuilder();
        for (String word : folded.split(" ")) {
            String ordinal = ordinalNumber(word);
            if (ordinal != null) {
                return ordinal;
            }
            String number = ORDINAL_WORDS.get(word);
            if (number != null) {
                return number;
            }
            if (!EDITION_WORDS.contains(word)) {
                words.append(words.length() == 0 ? "" : " ").append(word);
            }
        }
        return words.toString();
    }

    /**
     * The number of a word such as "2", "2nd", "3e" or "4eme" (digits, then nothing or an ordinal ending), without
     * leading zeros; null for any other word. Checked by hand: a regular expression per word of every edition statement
     * costs more than the rest of reading it.
     */
    static String ordinalNumber(String word) {
        int digits = 0;
        while (digits < word.length() && word.charAt(digits) >= '0' && word.charAt(digits) <= '9') {
            digits++;
        }
        return digits > 0 && ORDINAL_ENDINGS.contains(word.substring(digits))
                ? stripLeadingZeros(word.substring(0, digits)) : null;
    }

    /** The publisher's name (264/260 $b), folded, without words naming the kind of business; "" if not known. */
    static String publisher(MarcRecord record) {
        String folded = MatchText.fold(publicationField(record, 'b'));
        if (folded.equals("publisher not identified") || folded.equals("s n") || folded.equals("sn")) {
            return "";
        }
        StringBuilder name = new StringBuilder();
        for (String word : folded.split(" ")) {
            if (!word.isEmpty() && !PUBLISHER_WORDS.contains(word)) {
                name.append(name.length() == 0 ? "" : " ").append(word);
            }
        }
        return name.toString();
    }

    /**
     * The numbers in the record's series statements (490, 440, 8XX $v; 490 $a when the number is written into
     * it, as in "H.doc.290"). Two records in one numbered series with different numbers are different volumes.
     */
    static List<String> seriesNumbers(MarcRecord record) {
        Set<String> numbers = new TreeSet<>();
        for (DataField f : record.dataFields()) {
            String tag = f.tag();
            if (tag.equals("490")) {
                addNumbers(numbers, f.all('v').isEmpty() ? f.joined("a") : f.joined("v"));
            } else if (tag.equals("440") || tag.equals("800") || tag.equals("810") || tag.equals("811")
                    || tag.equals("830")) {
                addNumbers(numbers, f.joined("v"));
            }
        }
        return List.copyOf(numbers);
    }

    private static void addNumbers(Set<String> numbers, String text) {
        Matcher m = DIGITS.matcher(text);
        while (m.find()) {
            numbers.add(stripLeadingZeros(m.group()));
        }
    }

    /** OCLC numbers from 035 $a, and from 001 when 003 says the control number is OCLC's. */
    static List<String> oclcNumbers(MarcRecord record) {
        Set<String> numbers = new TreeSet<>();
        for (DataField f : record.fields("035")) {
            for (String value : f.all('a')) {
                addIfPresent(numbers, OclcNumber.fromSystemControlNumber(value));
            }
        }
        if ("OCoLC".equals(record.controlField("003"))) {
            addIfPresent(numbers, OclcNumber.normalize(record.controlNumber()));
        }
        return List.copyOf(numbers);
    }

    /** Normalised values of one identifier subfield ($a: valid ones only; $z, cancelled ones, never count). */
    static List<String> identifiers(MarcRecord record, String tag, UnaryOperator<String> normalize) {
        List<String> found = new ArrayList<>(2);
        for (DataField f : record.fields(tag)) {
            for (String value : f.all('a')) {
                String normalized = normalize.apply(value);
                if (normalized != null && !found.contains(normalized)) {
                    found.add(normalized);
                }
            }
        }
        return found;
    }

    private static void addIfPresent(Set<String> values, String value) {
        if (value != null) {
            values.add(value);
        }
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
