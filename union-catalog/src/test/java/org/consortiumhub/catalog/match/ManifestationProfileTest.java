package org.consortiumhub.catalog.match;

import static org.consortiumhub.catalog.support.MarcText.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestationProfileTest {

    /** The hash of ISBN 9780199535569 as first computed; storage holds hashes, so they must never change. */
    private static final long STORED_ISBN_HASH = 4_838_752_727_906_323_220L;

    private static final String BOOK_008 = "008 950814s1995    enk           000 1 eng d";

    private static ManifestationProfile profile(String... lines) {
        return ManifestationProfile.of(record(lines));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "00000nam a2200000 a 4500|950814s1995    enk           000 1 eng d|BOOK",
        "00000nam a2200000 a 4500|950814s1995    enk     o     000 1 eng d|EBOOK",
        "00000nas a2200000 a 4500|950814c19959999enkfr p       0   a0eng d|SERIAL",
        "00000nas a2200000 a 4500|950814c19959999enkfr p o     0   a0eng d|ONLINE_SERIAL",
        "00000cem a2200000 a 4500|950814s1995    enk           000 1 eng d|MAP",
        "00000ncm a2200000 a 4500|950814s1995    enk           000 1 eng d|SCORE",
        "00000njm a2200000 a 4500|950814s1995    enk           000 1 eng d|MUSIC_RECORDING",
        "00000nim a2200000 a 4500|950814s1995    enk           000 1 eng d|SPOKEN_RECORDING",
        "00000ngm a2200000 a 4500|950814s1995    enk           000 1 eng d|VIDEO",
        "00000ntm a2200000 a 4500|950814s1995    enk           000 1 eng d|MANUSCRIPT"
    })
    void formatFromLeaderAnd008(String leader, String fixed, Format format) {
        assertEquals(format, profile("LDR " + leader, "008 " + fixed).format());
    }

    @Test
    void anOnline007MakesABookAnEbook() {
        assertEquals(Format.EBOOK, profile("007 ta", "007 cr un mmmapmmp", BOOK_008).format());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "950814s1995    enk           000 1 eng d|264  1$aLondon :$bPenguin,$c2001.|1995",
        "950814s19uu    enk           000 1 eng d|264  1$aLondon :$bPenguin,$c[1995?]|1995",
        "950814s        enk           000 1 eng d|260   $aLondon :$bPenguin,$cc1999.|1999",
        "950814n        enk           000 1 eng d|260   $aLondon :$bPenguin,$c[19--]|''"
    })
    void dateFrom008ElseFromTheImprint(String fixed, String imprint, String date) {
        assertEquals(date, profile("008 " + fixed, imprint).date());
    }

    @Test
    void titleSkipsNonFilingCharactersAndSplitsTheRemainder() {
        ManifestationProfile p = profile("245 14$aThe complete novels of Jane Austen :$bin one volume /$cJ. Austen.");
        assertEquals("complete novels of jane austen", p.title());
        assertEquals("in one volume", p.remainderOfTitle());
        assertEquals(p.title(), profile("245 10$aComplete novels of Jane Austen : in one volume").title());
        assertEquals(p.remainderOfTitle(), profile("245 10$aComplete novels of Jane Austen : in one volume")
                .remainderOfTitle());
    }

    @Test
    void partNumberAndNameBelongToTheTitleProper() {
        ManifestationProfile p = profile("245 00$aFortschrittberichte VDI.$nReihe 2,$pFertigungstechnik");
        assertEquals("fortschrittberichte vdi reihe 2 fertigungstechnik", p.title());
    }

    @Test
    void mainAuthorWithoutDatesCorporateBodyWithSubdivisionsElseFirstAddedName() {
        assertEquals("austen jane", profile("100 1 $aAusten, Jane,$d1775-1817.").author());
        assertEquals("united states congress house committee on elections no 2",
                profile("110 1 $aUnited States.$bCongress.$bHouse.$bCommittee on Elections No. 2.").author());
        assertEquals("rubinstein elliot", profile("700 1 $aRubinstein, Elliot,$d1936-").author());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "345 p.|345|0",
        "345 pages|345|0",
        "xii, 345 p. :|345|0",
        "[3], 42 p.|42|0",
        "318p|318|0",
        "1 online resource (17 pages)|17|0",
        "1 online resource.|0|0",
        "2 v. (xii, 800 p.)|800|2",
        "8 v p.|0|8",
        "4 sound cassettes (6 hrs.)|0|0"
    })
    void pagesAndVolumesFromTheExtent(String extent, int pages, int volumes) {
        ManifestationProfile p = profile("300   $a" + extent);
        assertEquals(pages, p.pages());
        assertEquals(volumes, p.volumes());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2nd ed.|2",
        "Second edition.|2",
        "2. Aufl.|2",
        "2e éd.|2",
        "Deuxième édition|2",
        "Rev. and enl. 3rd ed.|3",
        "Large print ed.|large print",
        "Penguin film and TV tie-in ed.|penguin film and tv tie in",
        "4eme éd.|4",
        "02nd ed.|2",
        "10th anniversary ed.|10",
        "3a ed.|3",
        "2x ed.|2x"
    })
    void editionsReadAsTheirNumber(String statement, String edition) {
        assertEquals(edition, profile("250   $a" + statement).edition());
    }

    @Test
    void publisherWithoutWordsForTheBusinessAndUnknownPublishersAsUnknown() {
        assertEquals("penguin", profile("260   $aLondon :$bPenguin Books,$c1995.").publisher());
        assertEquals("oxford", profile("264  1$aOxford :$bOxford University Press,$c1990.").publisher());
        assertEquals("", profile("264  1$aWashington :$b[publisher not identified],$c1922.").publisher());
        assertEquals("", profile("260   $a[S.l. :$bs.n.,$c1922]").publisher());
    }

    @Test
    void seriesNumbersFromNumberingOrFromTheSeriesStatement() {
        assertEquals(List.of("290"), profile("490 0 $aH.doc.290").seriesNumbers());
        assertEquals(List.of("72"), profile("490 0 $aPenguin English library ;$vEL-72").seriesNumbers());
        assertEquals(List.of(), profile("830  0$aUnited States congressional serial set.").seriesNumbers());
    }

    @Test
    void identifiersOnlyFromValidSubfieldsAndFromOclc() {
        ManifestationProfile p = profile(
                "001 13810341",
                "003 OCoLC",
                "010   $a   73365705 ",
                "020   $a0-19-953556-6 (pbk.)",
                "020   $z0199535567",
                "022   $a0317-8471",
                "035   $a(OCoLC)ocm00012345",
                "035   $a(DLC)   81126202");
        assertEquals(List.of("12345", "13810341"), p.oclcNumbers());
        assertEquals(List.of("73365705"), p.lccns());
        assertEquals(List.of("9780199535569"), p.isbns());
        assertEquals(List.of("0317-8471"), p.issns());
    }

    @Test
    void isbn10AndIsbn13CopiesShareTheirIsbnKey() {
        long[] tenKeys = profile("020   $a0-19-953556-6").matchKeyHashes();
        long[] thirteenKeys = profile("020   $a978-0-19-953556-9 (paperback)").matchKeyHashes();
        assertArrayEquals(tenKeys, thirteenKeys);
    }

    @Test
    void descriptiveKeyIgnoresWhatMembersTranscribeDifferently() {
        MarcRecord one = record(BOOK_008, "100 1 $aAusten, Jane,$d1775-1817.",
                "245 10$aPride and prejudice /$cJane Austen.", "250   $a2nd ed.",
                "260   $aLondon :$bPenguin,$c1995.", "300   $a345 p. ;$c20 cm.");
        MarcRecord other = record(BOOK_008, "100 1 $aAusten, Jane.",
                "245 10$aPRIDE AND PREJUDICE :$ba novel", "250   $aSecond edition.",
                "264  1$aHarmondsworth :$bPenguin Books,$c[1995]", "300   $axii, 347 pages :$billustrations");
        MatchKey key = ManifestationProfile.of(one).descriptiveKey();
        assertEquals("pride and prejudice/1995/BOOK/p8/2", key.value());
        assertEquals(key, ManifestationProfile.of(other).descriptiveKey());
        MarcRecord pamphlet = record(BOOK_008, "245 10$aPride and prejudice", "250   $a2nd ed.", "300   $a40 p.");
        assertNotEquals(key, ManifestationProfile.of(pamphlet).descriptiveKey());
    }

    @Test
    void keyHashesAreStableAndCarryTheirKind() {
        MatchKey isbn = new MatchKey(MatchKey.Kind.ISBN, "9780199535569");
        assertEquals(isbn.hash(), new MatchKey(MatchKey.Kind.ISBN, "9780199535569").hash());
        assertEquals(STORED_ISBN_HASH, isbn.hash());
        for (MatchKey.Kind kind : MatchKey.Kind.values()) {
            assertEquals(kind, MatchKey.kindOf(new MatchKey(kind, "9780199535569").hash()));
        }
        assertNotEquals(isbn.hash(), new MatchKey(MatchKey.Kind.OCLC, "9780199535569").hash());
    }
}
