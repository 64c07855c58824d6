package org.consortiumhub.catalog.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.consortiumhub.catalog.match.ManifestationProfile;
import org.consortiumhub.catalog.search.SearchText;

/**
 * A record's words as its cluster's search terms take them: the words of its title, author and subjects, with their
 * weights (a cluster takes these from its display record), and the words of its identifiers (a cluster takes these
 * from every record). Worked out while a batch is prepared, for the records it sends, so that building the clusters'
 * search rows under the catalog lock only puts them together.
 *
 * @param display title words weigh most (A), then author (B) and subjects (C); each word keeps its heaviest weight
 * @param identifiers the words of the record's ISBNs, ISSNs, OCLC numbers and LCCNs, in that order
 */
record RecordTerms(Map<String, Character> display, List<String> identifiers) {

    static RecordTerms of(RecordDisplay display, ManifestationProfile profile) {
        return new RecordTerms(display(display), identifiers(profile));
    }

    static Map<String, Character> display(RecordDisplay display) {
        Map<String, Character> weights = new LinkedHashMap<>();
        SearchText.tokens(display.title()).forEach(t -> weights.putIfAbsent(t, 'A'));
        SearchText.tokens(display.author()).forEach(t -> weights.putIfAbsent(t, 'B'));
        display.subjects().forEach(s -> SearchText.tokens(s).forEach(t -> weights.putIfAbsent(t, 'C')));
        return weights;
    }

    static List<String> identifiers(ManifestationProfile profile) {
        List<String> words = new ArrayList<>();
        for (List<String> ids : List.of(profile.isbns(), profile.issns(), profile.oclcNumbers(), profile.lccns())) {
            ids.forEach(v -> words.addAll(SearchText.tokens(v)));
        }
        return words;
    }
}
