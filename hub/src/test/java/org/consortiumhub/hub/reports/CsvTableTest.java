package org.consortiumhub.hub.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CsvTableTest {

    @Test
    void quotesWhatNeedsQuotingAndDefusesFormulas() {
        String csv = new CsvTable("title", "count").row("Pride, and \"Prejudice\"", 3).row("=HYPERLINK(\"x\")", -4)
                .row("line\nbreak", null).text();
        assertEquals("title,count\r\n\"Pride, and \"\"Prejudice\"\"\",3\r\n\"'=HYPERLINK(\"\"x\"\")\",-4\r\n"
                + "\"line\nbreak\",\r\n", csv);
    }

    @Test
    void aRowMustFillEveryColumn() {
        assertThrows(IllegalArgumentException.class, () -> new CsvTable("a", "b").row("only one"));
    }

    @Test
    void aReportIsItsHeaderAndItsRows() {
        assertEquals("member,spent\r\nUS-RVC,1250\r\nUS-HLU,\r\n",
                CsvTable.of(new String[] { "member", "spent" }, java.util.List.of(java.util.List.of("US-RVC", 1250),
                        java.util.Arrays.asList("US-HLU", null))));
    }
}
