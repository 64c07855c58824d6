package org.consortiumhub.catalog.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.consortiumhub.catalog.marc.ControlField;
import org.consortiumhub.catalog.marc.DataField;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.catalog.marc.Subfield;
import org.consortiumhub.catalog.match.ManifestationProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordDisplayTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'Pride and prejudice /'|Pride and prejudice",
        "'  The history :  '|The history",
        "'A.B.C.'|A.B.C",
        "'= ; ,:'|''",
        "'Title \t/ '|Title",
        "'Title/ends here'|Title/ends here"
    })
    void isbdPunctuationThatEndsAFieldIsLeftOut(String catalogued, String shown) {
        assertEquals(shown, RecordDisplay.clean(catalogued));
    }

    @org.junit.jupiter.api.Test
    void aNonBreakingSpaceIsKeptAsTheCataloguerTypedIt() {
        assertEquals("Title\u00A0", RecordDisplay.clean("Title\u00A0/"));
        assertEquals("", RecordDisplay.clean(null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "eng|eng", "FRE|fre", "e1g|", "'   '|", "'en '|" })
    void theLanguageIsAThreeLetterCodeOrNone(String code, String shown) {
        String f008 = "850423s1985    enk           000 1 " + code + " d";
        MarcRecord record = new MarcRecord("00000nam a2200000 a 4500", List.of(new ControlField("001", "1"),
                new ControlField("008", f008)), List.of(new DataField("245", '1', '0', List.of(new Subfield('a', "Emma.")))));
        RecordDisplay display = RecordDisplay.of(record, ManifestationProfile.of(record));
        if (shown == null) {
            assertNull(display.language());
        } else {
            assertEquals(shown, display.language());
        }
        assertEquals("Emma", display.title());
    }
}
