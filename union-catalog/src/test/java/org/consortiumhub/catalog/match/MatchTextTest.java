package org.consortiumhub.catalog.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatchTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Pride and prejudice /|pride and prejudice",
        "PRIDE AND PREJUDICE.|pride and prejudice",
        "Militärgeographische Beschreibung von Frankreich.|militargeographische beschreibung von frankreich",
        "Œuvres complètes de Søren Kierkegaard|oeuvres completes de soren kierkegaard",
        "Straße der Łódź|strasse der lodz",
        "La-Torah vela-moʻadim :|la torah vela moadim",
        "L'autre monde, mythes et légendes|l autre monde mythes et legendes",
        "ﬁnal ½ report|final 1 2 report"
    })
    void foldsCasePunctuationAndLatinDiacritics(String text, String folded) {
        assertEquals(folded, MatchText.fold(text));
    }

    @Test
    void hebrewLettersStayAndTheirVowelPointsGo() {
        assertEquals("בראשית", MatchText.fold("בְּרֵאשִׁית"));
    }

    @Test
    void devanagariKeepsItsVowelSignsAndViramas() {
        String title = Normalizer.normalize("बाल संस्कृत संग्रह", Normalizer.Form.NFKD);
        assertEquals(title, MatchText.fold("बाल संस्कृत संग्रह :"));
        assertFalse(MatchText.fold("बिहानी").equals(MatchText.fold("बहन")), "different words must stay different");
    }

    @Test
    void similarityIsOneForEqualTextsHighForSlipsLowForOtherTexts() {
        assertEquals(1.0, MatchText.similarity("pride and prejudice", "pride and prejudice"));
        assertTrue(MatchText.similarity("pride and prejudice", "pride and prejudise") > 0.85);
        assertTrue(MatchText.similarity("pride and prejudice", "sense and sensibility") < 0.5);
    }

    @Test
    void wordsAndNumbers() {
        assertEquals(1.0, MatchText.wordOverlap("penguin", "penguin books"));
        assertEquals(0.0, MatchText.wordOverlap("oxford", "cambridge"));
        assertEquals(2, MatchText.differingWords("final report may 2022", "draft report march 2022"));
        assertEquals(1, MatchText.differingWords("report 2022", "draft report 2022"));
        assertTrue(MatchText.beginsWithWords("jazz plus 3 from genius hits the road", "jazz"));
        assertTrue(MatchText.beginsWithWords("a novel", ""));
        assertFalse(MatchText.beginsWithWords("jazzy tunes", "jazz"));
        assertEquals(Set.of("1", "2022"), MatchText.numbers("test fuels part 1 hardwood 2022"));
    }
}
