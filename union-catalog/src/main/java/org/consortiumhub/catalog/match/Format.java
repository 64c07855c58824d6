package org.consortiumhub.catalog.match;

import org.consortiumhub.catalog.marc.MarcRecord;

/**
 * The broad kind of a manifestation, from leader/06-07 with 008 and 007 telling print from online. Records of
 * different formats never describe the same manifestation: the print book and its e-book are two.
 */
public enum Format {
    BOOK,
    EBOOK,
    SERIAL,
    ONLINE_SERIAL,
    MANUSCRIPT,
    MAP,
    SCORE,
    MUSIC_RECORDING,
    SPOKEN_RECORDING,
    VIDEO,
    IMAGE,
    COMPUTER_FILE,
    KIT,
    MIXED_MATERIALS,
    OBJECT,
    OTHER;

    public static Format of(MarcRecord record) {
        char level = record.bibliographicLevel();
        boolean continuing = level == 's' || level == 'i';
        return switch (record.typeOfRecord()) {
            case 'a' -> continuing ? (isOnline(record) ? ONLINE_SERIAL : SERIAL) : (isOnline(record) ? EBOOK : BOOK);
            case 't' -> MANUSCRIPT;
            case 'e', 'f' -> MAP;
            case 'c', 'd' -> SCORE;
            case 'j' -> MUSIC_RECORDING;
            case 'i' -> SPOKEN_RECORDING;
            case 'g' -> VIDEO;
            case 'k' -> IMAGE;
            case 'm' -> COMPUTER_FILE;
            case 'o' -> KIT;
            case 'p' -> MIXED_MATERIALS;
            case 'r' -> OBJECT;
            default -> OTHER;
        };
    }

    /**
     * Online when 008/23 (form of item for books and continuing resources) says electronic, or a 007 says
     * "computer, remote": both are how cataloguers mark an e-book or e-journal.
     */
    private static boolean isOnline(MarcRecord record) {
        String fixed = record.controlField("008");
        if (fixed != null && fixed.length() > 23 && "oqs".indexOf(fixed.charAt(23)) >= 0) {
            return true;
        }
        return record.controlFields().stream()
                .anyMatch(f -> f.tag().equals("007") && f.value().startsWith("cr"));
    }
}
