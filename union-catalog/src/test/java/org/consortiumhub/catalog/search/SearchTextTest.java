package org.consortiumhub.catalog.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.Example;

class SearchTextTest {

    @Property(tries = 2000)
    void asciiTextGivesTheTokensOfTheGeneralRoute(@ForAll @CharRange(from = 0, to = 127) @StringLength(max = 200) String text) {
        assertEquals(SearchText.unicodeTokens(text), SearchText.tokens(text));
    }

    @Example
    void catalogueTextIsFoldedAndSplitAlike() {
        assertEquals(List.of("pride", "and", "prejudice", "a", "novel", "0", "19", "953556", "6"),
                SearchText.tokens("Pride and Prejudice : a novel / 0-19-953556-6."));
        assertEquals(List.of("emile", "ou", "de", "l", "education"), SearchText.tokens("Émile, ou De l'éducation"));
        assertEquals(List.of("x".repeat(60)), SearchText.tokens("X".repeat(70)), "a token is cut at 60 characters");
        assertEquals(List.of(), SearchText.tokens("  --  "));
    }
}
