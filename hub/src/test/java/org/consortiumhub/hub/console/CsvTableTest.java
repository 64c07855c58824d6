package org.consortiumhub.hub.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CsvTableTest {

    @Test
    void quotesWhatNeedsQuotingAndDefusesFormulas() {
        String csv = new CsvTable("title", "count").row("Pride, and \"Prejudice\"", 3).row("=HYPERLINK(\"x\")", -4)
                .row("line\nbreak", null).text();
        assertEquals("\uFEFFtitle,count\r\n\"Pride, and \"\"Prejudice\"\"\",3\r\n\"'=HYPERLINK(\"\"x\"\")\",-4\r\n"
                + "\"line\nbreak\",\r\n", csv);
    }

    @Test
    void aRowMustFillEveryColumn() {
        assertThrows(IllegalArgumentException.class, () -> new CsvTable("a", "b").row("only one"));
    }
}
