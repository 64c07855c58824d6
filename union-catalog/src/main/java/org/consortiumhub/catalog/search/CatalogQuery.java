package org.consortiumhub.catalog.search;

import java.util.List;

import org.consortiumhub.catalog.CatalogException;

/**
 * What a searcher asked for, checked: keywords, identifier keys, filters and the page wanted.
 *
 * @param identifierKeys match-key hashes of the identifiers asked for (all must match), empty for none
 */
public record CatalogQuery(List<String> keywords, List<Long> identifierKeys, String format, String language,
        Integer yearFrom, Integer yearTo, String memberCode, Boolean lendable, int page, int size) {

    public static final int MAX_SIZE = 100;
    public static final int MAX_PAGE = 500;

    public CatalogQuery {
        keywords = List.copyOf(keywords);
        identifierKeys = List.copyOf(identifierKeys);
        if (page < 1 || page > MAX_PAGE) {
            throw CatalogException.invalid("page", "must be between 1 and " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw CatalogException.invalid("size", "must be between 1 and " + MAX_SIZE);
        }
        if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
            throw CatalogException.invalid("yearFrom", "must not be after yearTo (" + yearFrom + " > " + yearTo + ")");
        }
        if (yearFrom != null && (yearFrom < 0 || yearFrom > 9999)) {
            throw CatalogException.invalid("yearFrom", "must be a year between 0 and 9999");
        }
        if (yearTo != null && (yearTo < 0 || yearTo > 9999)) {
            throw CatalogException.invalid("yearTo", "must be a year between 0 and 9999");
        }
        if (language != null && !language.matches("[a-z]{3}")) {
            throw CatalogException.invalid("language", "must be a three-letter MARC language code such as eng");
        }
    }

    public boolean isEmpty() {
        return keywords.isEmpty() && identifierKeys.isEmpty() && format == null && language == null && yearFrom == null
                && yearTo == null && memberCode == null && lendable == null;
    }
}
