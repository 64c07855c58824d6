package org.consortiumhub.catalog.match;

import java.util.ArrayList;
import java.util.List;
import org.consortiumhub.catalog.marc.MarcRecord;

/**
 * What a bibliographic record says about the manifestation it describes, normalised for matching: identifiers,
 * format, date, title, main author, extent, edition, publisher and series numbering. Unknown text is "" and
 * unknown counts are 0. Storage keeps a record's profile beside it, so clustering never re-reads MARC.
 *
 * <h2>Match keys</h2>
 * A record's keys say which other records might describe the same manifestation; only verification decides.
 * Every valid identifier is a key (OCLC number, LCCN, ISBN-13, ISSN). The <b>descriptive key</b> follows the
 * GoldRush family: it joins the parts of a description that members transcribe alike, each cut or bucketed
 * so that cataloguing differences do not split it —
 * <ul>
 * <li>the first {@value #KEY_TITLE_LENGTH} characters of the folded title proper (245 $a $n $p, articles
 * skipped): the title proper, because members differ most in subtitles; a prefix, because long titles are
 * where transcription wanders;</li>
 * <li>the year of publication, so reprints and new editions fall apart;</li>
 * <li>the format, so print, e-book and audiobook fall apart;</li>
 * <li>the extent class: the power of two below the page count ("p8" is 256-511 pages), "v" for volumes
 * without pages, "" when unknown, so that "345 p." and "xii, 347 pages" agree but a 40-page pamphlet and a
 * 400-page book with the same generic title do not;</li>
 * <li>the edition's number or words ("2nd ed." and "Second edition" are both "2").</li>
 * </ul>
 * Author and publisher stay out of the key (their forms vary too much between members) and are checked by
 * verification instead.
 */
public record ManifestationProfile(
        Format format,
        String date,
        String title,
        String remainderOfTitle,
        String author,
        int pages,
        int volumes,
        String edition,
        String publisher,
        List<String> seriesNumbers,
        List<String> oclcNumbers,
        List<String> lccns,
        List<String> isbns,
        List<String> issns,
        int fieldCount) {

    static final int KEY_TITLE_LENGTH = 50;

    public ManifestationProfile {
        seriesNumbers = List.copyOf(seriesNumbers);
        oclcNumbers = List.copyOf(oclcNumbers);
        lccns = List.copyOf(lccns);
        isbns = List.copyOf(isbns);
        issns = List.copyOf(issns);
    }

    public static ManifestationProfile of(MarcRecord record) {
        String[] title = MatchPoints.titleAndRemainder(record);
        int[] extent = MatchPoints.pagesAndVolumes(record);
        return new ManifestationProfile(
                Format.of(record),
                MatchPoints.date(record),
                title[0],
                title[1],
                MatchPoints.author(record),
                extent[0],
                extent[1],
                MatchPoints.edition(record),
                MatchPoints.publisher(record),
                MatchPoints.seriesNumbers(record),
                MatchPoints.oclcNumbers(record),
                MatchPoints.identifiers(record, "010", Lccn::normalize),
                MatchPoints.identifiers(record, "020", Isbn::normalize),
                MatchPoints.identifiers(record, "022", Issn::normalize),
                record.controlFields().size() + record.dataFields().size());
    }

    /** Title proper and remainder of title together, as the title page reads. */
    public String fullTitle() {
        return remainderOfTitle.isEmpty() ? title : title + ' ' + remainderOfTitle;
    }

    /** The record's match keys: its identifiers, strongest first, then the descriptive key if it has a title. */
    public List<MatchKey> matchKeys() {
        List<MatchKey> keys = new ArrayList<>(oclcNumbers.size() + lccns.size() + isbns.size() + issns.size() + 1);
        oclcNumbers.forEach(v -> keys.add(new MatchKey(MatchKey.Kind.OCLC, v)));
        lccns.forEach(v -> keys.add(new MatchKey(MatchKey.Kind.LCCN, v)));
        isbns.forEach(v -> keys.add(new MatchKey(MatchKey.Kind.ISBN, v)));
        issns.forEach(v -> keys.add(new MatchKey(MatchKey.Kind.ISSN, v)));
        if (!title.isEmpty()) {
            keys.add(descriptiveKey());
        }
        return keys;
    }

    /** The hashes of {@link #matchKeys()}, as storage indexes them. */
    public long[] matchKeyHashes() {
        return matchKeys().stream().mapToLong(MatchKey::hash).toArray();
    }

    /** The descriptive key; see the class comment for its parts. */
    public MatchKey descriptiveKey() {
        String titlePrefix = title.length() <= KEY_TITLE_LENGTH ? title : title.substring(0, KEY_TITLE_LENGTH);
        return new MatchKey(MatchKey.Kind.DESCRIPTIVE,
                String.join("/", titlePrefix.strip(), date, format.name(), extentClass(), edition));
    }

    private String extentClass() {
        if (pages > 0) {
            return "p" + (31 - Integer.numberOfLeadingZeros(pages));
        }
        return volumes > 0 ? "v" : "";
    }

    public boolean hasOclcNumber() {
        return !oclcNumbers.isEmpty();
    }
}
