package org.consortiumhub.catalog.match;

/**
 * A match point two records can share: a normalised identifier, or the descriptive key. Storage indexes a key by
 * its {@link #hash()}, an 8-byte value whose top three bits say the key's kind, so that the kind of a shared key
 * is known from the index alone.
 */
public record MatchKey(Kind kind, String value) {

    /** Kinds of match key, strongest evidence first. */
    public enum Kind {
        /** WorldCat control number (035 {@code (OCoLC)}): one WorldCat record is one manifestation. */
        OCLC,
        /** Library of Congress Control Number (010). */
        LCCN,
        /** ISBN, always as ISBN-13 (020 $a). */
        ISBN,
        /** ISSN (022 $a). */
        ISSN,
        /** Title, date, format, extent and edition together; see {@link ManifestationProfile#descriptiveKey()}. */
        DESCRIPTIVE;

        private static final Kind[] BY_ORDINAL = values();

        public boolean isIdentifier() {
            return this != DESCRIPTIVE;
        }
    }

    private static final int KIND_SHIFT = 61;

    /**
     * A stable 64-bit hash: FNV-1a over the value's UTF-16 code units, spread by the MurmurHash3 finaliser, in the
     * low 61 bits, and the kind in the top 3. It never depends on the JVM, so stored hashes stay valid. Two
     * different keys of one kind collide with probability 2^-61; a collision only proposes a candidate that
     * verification then judges on the records themselves.
     */
    public long hash() {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < value.length(); i++) {
            h ^= value.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (long) kind.ordinal() << KIND_SHIFT | h >>> (64 - KIND_SHIFT);
    }

    /** The kind of key a hash was made from. */
    public static Kind kindOf(long hash) {
        return Kind.BY_ORDINAL[(int) (hash >>> KIND_SHIFT)];
    }
}
