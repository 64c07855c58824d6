package org.consortiumhub.catalog.cluster;

import java.util.List;
import java.util.Set;
import org.consortiumhub.catalog.match.ManifestationProfile;
import org.consortiumhub.catalog.match.MatchKey;
import org.consortiumhub.catalog.match.MatchText;

/**
 * Decides whether two records that share a match key describe the same manifestation. Sharing a key only makes
 * them candidates: the same ISBN appears on a print book and its e-book, and "Annual report", 1995 is the title
 * and date of many different publications. The records must agree on format, date, extent, edition, series
 * numbers and the numbers in their titles, and their titles must be similar enough for the strength of the
 * shared key. When only the descriptive key links them, their authors, publishers, ISBNs and ISSNs must not
 * disagree either, and their titles may differ by one word at most.
 */
public final class MatchVerifier {

    /** Authors' headings, folded, when only the description links two records. */
    private static final double AUTHOR_SIMILARITY = 0.8;
    /** Share of publisher-name words in common when only the description links two records. */
    private static final double PUBLISHER_OVERLAP = 0.5;

    private final ClusterSettings settings;

    public MatchVerifier(ClusterSettings settings) {
        this.settings = settings;
    }

    /**
     * The verdict on a candidate pair, with the reason for it.
     *
     * @param shared the strongest kind of non-stop key the two records share
     */
    public MatchDecision verify(long idA, ManifestationProfile a, long idB, ManifestationProfile b,
            MatchKey.Kind shared) {
        MatchKey.Kind evidence = shared;
        if (evidence != MatchKey.Kind.OCLC && conflicts(a.oclcNumbers(), b.oclcNumbers())) {
            evidence = MatchKey.Kind.DESCRIPTIVE; // two WorldCat records: the shared identifier is in doubt
        } else if (evidence.isIdentifier() && evidence != MatchKey.Kind.OCLC && conflicts(a.lccns(), b.lccns())) {
            evidence = MatchKey.Kind.DESCRIPTIVE;
        }
        String difference = difference(a, b, evidence);
        if (difference != null) {
            return new MatchDecision(idA, idB, false, shared, difference);
        }
        double similarity = titleSimilarity(a, b, evidence);
        double required = requiredTitleSimilarity(evidence);
        if (similarity < required) {
            return new MatchDecision(idA, idB, false, shared,
                    "titles differ: similarity " + twoDecimals(similarity) + " below " + twoDecimals(required));
        }
        if (evidence == MatchKey.Kind.DESCRIPTIVE && similarity < 1
                && MatchText.differingWords(a.fullTitle(), b.fullTitle()) > 1) {
            // long titles stay similar however many words differ ("final report, May" / "draft report, March")
            return new MatchDecision(idA, idB, false, shared, "titles differ in more than one word");
        }
        return new MatchDecision(idA, idB, true, shared, "same " + describe(shared)
                + (evidence == shared ? "" : " but different OCLC numbers or LCCNs") + "; title similarity " + twoDecimals(similarity));
    }

    /** The first descriptive element the two records disagree on, or null when they agree on all. */
    private static String difference(ManifestationProfile a, ManifestationProfile b, MatchKey.Kind evidence) {
        if (a.format() != b.format()) {
            return "formats differ: " + a.format() + " / " + b.format();
        }
        if (!a.date().equals(b.date())) {
            return "dates differ: " + orUnknown(a.date()) + " / " + orUnknown(b.date());
        }
        if (a.pages() > 0 && b.pages() > 0 && !similarPageCounts(a.pages(), b.pages())) {
            return "extents differ: " + a.pages() + " / " + b.pages() + " pages";
        }
        if (a.volumes() > 0 && b.volumes() > 0 && a.volumes() != b.volumes()) {
            return "extents differ: " + a.volumes() + " / " + b.volumes() + " volumes";
        }
        if (!a.edition().isEmpty() && !b.edition().isEmpty() && !a.edition().equals(b.edition())) {
            return "editions differ: " + a.edition() + " / " + b.edition();
        }
        if (conflicts(a.seriesNumbers(), b.seriesNumbers())) {
            return "series numbers differ: " + a.seriesNumbers() + " / " + b.seriesNumbers();
        }
        if (evidence != MatchKey.Kind.OCLC && titleNumbersDiffer(a, b)) {
            return "numbers in titles differ: " + a.fullTitle() + " / " + b.fullTitle();
        }
        if (evidence == MatchKey.Kind.DESCRIPTIVE) {
            if (conflicts(a.isbns(), b.isbns())) {
                return "ISBNs differ: " + a.isbns() + " / " + b.isbns();
            }
            if (conflicts(a.issns(), b.issns())) {
                return "ISSNs differ: " + a.issns() + " / " + b.issns();
            }
            if (!a.author().isEmpty() && !b.author().isEmpty()
                    && MatchText.similarity(a.author(), b.author()) < AUTHOR_SIMILARITY) {
                return "authors differ: " + a.author() + " / " + b.author();
            }
            if (!a.publisher().isEmpty() && !b.publisher().isEmpty()
                    && MatchText.wordOverlap(a.publisher(), b.publisher()) < PUBLISHER_OVERLAP) {
                return "publishers differ: " + a.publisher() + " / " + b.publisher();
            }
        }
        return null;
    }

    /**
     * Numbers in titles name parts, volumes and years ("part 1", "annual report 2019"). Compared in the full
     * titles when both give a remainder of title, else in the titles proper, since one member may leave out
     * the subtitle that holds a number.
     */
    private static boolean titleNumbersDiffer(ManifestationProfile a, ManifestationProfile b) {
        boolean bothRemainders = !a.remainderOfTitle().isEmpty() && !b.remainderOfTitle().isEmpty();
        Set<String> x = MatchText.numbers(bothRemainders ? a.fullTitle() : a.title());
        Set<String> y = MatchText.numbers(bothRemainders ? b.fullTitle() : b.title());
        return !x.isEmpty() && !y.isEmpty() && !x.equals(y);
    }

    /** Cataloguers count the last numbered page or include unnumbered ones: a few pages either way agree. */
    private static boolean similarPageCounts(int x, int y) {
        return Math.abs(x - y) <= Math.max(2, Math.max(x, y) / 50);
    }

    /**
     * 1 when the titles proper are equal and one remainder of title begins the other: members leave out the
     * subtitle, or its later parts. Otherwise the similarity of the full titles, or of the titles proper when a
     * shared identifier already vouches for the match and only the subtitles are transcribed differently.
     */
    private static double titleSimilarity(ManifestationProfile a, ManifestationProfile b, MatchKey.Kind evidence) {
        if (a.title().equals(b.title()) && (MatchText.beginsWithWords(a.remainderOfTitle(), b.remainderOfTitle())
                || MatchText.beginsWithWords(b.remainderOfTitle(), a.remainderOfTitle()))) {
            return 1;
        }
        double full = MatchText.similarity(a.fullTitle(), b.fullTitle());
        return evidence.isIdentifier() ? Math.max(full, MatchText.similarity(a.title(), b.title())) : full;
    }

    private double requiredTitleSimilarity(MatchKey.Kind evidence) {
        return switch (evidence) {
            case OCLC -> settings.oclcTitleSimilarity();
            case LCCN, ISBN, ISSN -> settings.identifierTitleSimilarity();
            case DESCRIPTIVE -> settings.descriptiveTitleSimilarity();
        };
    }

    /** Both have values and none in common. */
    private static boolean conflicts(List<String> x, List<String> y) {
        if (x.isEmpty() || y.isEmpty()) {
            return false;
        }
        for (String value : x) {
            if (y.contains(value)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(MatchKey.Kind kind) {
        return switch (kind) {
            case OCLC -> "OCLC number";
            case DESCRIPTIVE -> "title, date, format, extent and edition";
            default -> kind.name();
        };
    }

    /**
     * A similarity between 0 and 1 to two decimals ("0.93"). Every candidate pair of a batch gets a reason, under the
     * catalog lock, and a formatter took a third of the time spent verifying them.
     */
    static String twoDecimals(double value) {
        long hundredths = Math.round(value * 100);
        long fraction = hundredths % 100;
        return (hundredths / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }

    private static String orUnknown(String date) {
        return date.isEmpty() ? "unknown" : date;
    }
}
