package org.consortiumhub.catalog.marc;

/**
 * The leader as the hub keeps it. Whatever the member sent, a stored record is Unicode (leader/09 = {@code a}) and
 * its lengths are those of its UTF-8 ISO 2709 form, so reading a record and writing it again gives the same leader
 * in every format.
 */
final class Leader {

    static final int LENGTH = 24;

    private Leader() {
    }

    /**
     * The leader with its structural positions set: record length (00-04), character coding (09), indicator and
     * subfield code counts (10-11), base address (12-16) and entry map (20-23). The coded positions a cataloguer set
     * (05-08, 17-19) are kept, with Alma's {@code #} for blank (and anything not ASCII) read as blank. Real exports
     * also send leaders of 23 characters; there the missing character cannot be placed, so only 05-08, in front of
     * the fixed-width numbers, are trusted.
     */
    static String canonical(String raw, int recordLength, int baseAddress) {
        char[] c = ("00000" + "     " + "22" + "00000" + "   " + "4500").toCharArray();
        String source = raw == null ? "" : raw;
        int[] kept = source.length() == LENGTH ? new int[] {5, 6, 7, 8, 17, 18, 19} : new int[] {5, 6, 7, 8};
        for (int i : kept) {
            if (i < source.length()) {
                char ch = source.charAt(i);
                c[i] = ch == '#' || ch < ' ' || ch >= 0x7F ? ' ' : ch;
            }
        }
        c[9] = 'a';
        putNumber(c, 0, Math.min(recordLength, Iso2709.MAX_RECORD_LENGTH));
        putNumber(c, 12, Math.min(baseAddress, Iso2709.MAX_RECORD_LENGTH));
        return new String(c);
    }

    private static void putNumber(char[] c, int at, int value) {
        for (int i = at + 4; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
