package org.consortiumhub.catalog.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.consortiumhub.catalog.marc.DataField;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.match.ManifestationProfile;

/** How a record is shown in results: title and author as catalogued (trailing ISBD punctuation removed), year, language, subjects. */
public record RecordDisplay(String title, String author, Integer year, String format, String language, List<String> subjects) {

    /** What ends a field as ISBD punctuation: white space as regular expressions mean it, and the marks. */
    private static final String TRAILING = " \t\n\u000B\f\r/:;,.=";
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    public static RecordDisplay of(MarcRecord record, ManifestationProfile profile) {
        DataField t = record.field("245");
        String title = t == null ? "" : clean(t.joined("abnp"));
        String author = null;
        for (String tag : new String[] { "100", "110", "111", "700", "710" }) {
            DataField a = record.field(tag);
            if (a != null) {
                author = clean(a.joined(tag.endsWith("00") ? "abcd" : "ab"));
                break;
            }
        }
        Matcher year = YEAR.matcher(profile.date() == null ? "" : profile.date());
        String f008 = record.controlField("008");
        String language = f008 != null && f008.length() >= 38 ? f008.substring(35, 38).trim().toLowerCase() : null;
        if (language != null && !isLanguageCode(language)) {
            language = null;
        }
        List<String> subjects = new ArrayList<>();
        for (DataField f : record.dataFields()) {
            if (f.tag().startsWith("6")) {
                String s = clean(f.joined("abcdvxyz"));
                if (!s.isEmpty()) {
                    subjects.add(s);
                }
            }
        }
        return new RecordDisplay(title.isEmpty() ? "[no title]" : title, author,
                year.find() ? Integer.valueOf(year.group(1)) : null,
                profile.format().name().toLowerCase(), language, subjects);
    }

    /** The subject headings as the record's {@code subjects} column keeps them: one per line. */
    String subjectsColumn() {
        return String.join("\n", subjects);
    }

    /** The subject headings of a {@code subjects} column; null for a record stored before the column was kept. */
    static List<String> subjectsOfColumn(String column) {
        return column == null ? null : column.isEmpty() ? List.of() : List.of(column.split("\n"));
    }

    /** Three lower-case ASCII letters, as MARC language codes are. */
    private static boolean isLanguageCode(String code) {
        if (code.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            if (code.charAt(i) < 'a' || code.charAt(i) > 'z') {
                return false;
            }
        }
        return true;
    }

    /** The text stripped, and without the ISBD punctuation and spaces that end it. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        String stripped = s.strip();
        int end = stripped.length();
        while (end > 0 && TRAILING.indexOf(stripped.charAt(end - 1)) >= 0) {
            end--;
        }
        return stripped.substring(0, end);
    }
}
