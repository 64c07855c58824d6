package org.consortiumhub.hub.procurement;

import org.consortiumhub.catalog.match.Isbn;
import org.consortiumhub.catalog.match.Issn;
import org.consortiumhub.catalog.match.MatchKey;

/**
 * An ISSN or ISBN as title lists and usage reports give them (print or online identifier), normalised as the union
 * catalog's match keys are, so a title is found in the catalog by the same key its records carry.
 */
public record TitleIdentifier(MatchKey.Kind kind, String value) {

    /** The identifier in the text, or null when it is neither a valid ISSN nor a valid ISBN. */
    public static TitleIdentifier parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String issn = Issn.normalize(raw);
        if (issn != null) {
            return new TitleIdentifier(MatchKey.Kind.ISSN, issn);
        }
        String isbn = Isbn.normalize(raw);
        return isbn == null ? null : new TitleIdentifier(MatchKey.Kind.ISBN, isbn);
    }

    /** The catalog's match-key hash for this identifier. */
    public long matchKey() {
        return new MatchKey(kind, value).hash();
    }
}
