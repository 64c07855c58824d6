package org.consortiumhub.catalog.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0-19-953556-6|9780199535569",
        "978-0-19-953556-9|9780199535569",
        "9780199535569 (paperback)|9780199535569",
        "0199535566 (pbk.)|9780199535569",
        "0 19 953556 6|9780199535569",
        "ISBN 0-8044-2957-X|9780804429573",
        "080442957x : £5.99|9780804429573",
        "0-13-699900-X|9780136999003",
        "979-10-90636-07-1|9791090636071",
        "0060933259 (pbk.) :|9780060933258"
    })
    void isbnsNormaliseToOneIsbn13(String catalogued, String isbn13) {
        assertEquals(isbn13, Isbn.normalize(catalogued));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0-19-953556-7", "9780199535568", "123456789", "97801995355691", "9770199535562",
        "X199535566", "nil", ""})
    void isbnsWithWrongCheckDigitsOrLengthsAreDropped(String catalogued) {
        assertNull(Isbn.normalize(catalogued));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0317-8471|0317-8471",
        "03178471|0317-8471",
        "1050-124x (print)|1050-124X",
        "0028-0836|0028-0836"
    })
    void issnsNormaliseToTheirStandardForm(String catalogued, String issn) {
        assertEquals(issn, Issn.normalize(catalogued));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0317-8472", "1234-56789", "1050-124"})
    void invalidIssnsAreDropped(String catalogued) {
        assertNull(Issn.normalize(catalogued));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "(OCoLC)ocm00012345|12345",
        "(OCoLC)12345|12345",
        "(OCoLC) 012345|12345",
        "(ocolc)ocn620341843|620341843",
        "(OCoLC)on1327834421|1327834421",
        "ocm42943498|42943498",
        "on1327834421|1327834421"
    })
    void oclcNumbersInSystemControlNumbers(String field035a, String oclc) {
        assertEquals(oclc, OclcNumber.fromSystemControlNumber(field035a));
    }

    @ParameterizedTest
    @ValueSource(strings = {"(DLC)   81126202", "(Sirsi) AOE-1880", "cis2004159078", "(AU-CaNED)NED229411P716746",
        "12345", "(OCoLC)oca05185075", "(OCoLC)"})
    void otherInstitutionsNumbersAreNotOclcNumbers(String field035a) {
        assertNull(OclcNumber.fromSystemControlNumber(field035a));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "00012345|12345",
        "ocm00012345|12345",
        "(OCoLC)12345|12345"
    })
    void searchersMayTypeOclcNumbersWithOrWithoutPrefix(String typed, String oclc) {
        assertEquals(oclc, OclcNumber.normalize(typed));
    }

    /** The examples of https://www.loc.gov/marc/lccn-namespace.html. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "n78-890351|n78890351",
        "n78-89035|n78089035",
        "n 78890351 |n78890351",
        " 85000002 |85000002",
        "85-2 |85000002",
        "2001-000002|2001000002",
        "75-425165//r75|75425165",
        " 79139101 /AC/r932|79139101",
        "   73365705 |73365705",
        "  2011500165|2011500165",
        "69015342 //r86|69015342",
        "CF 91000008|cf91000008"
    })
    void lccnsNormaliseByTheLibraryOfCongressRules(String catalogued, String lccn) {
        assertEquals(lccn, Lccn.normalize(catalogued));
    }

    @ParameterizedTest
    @ValueSource(strings = {"85-1234567", "abcd12345678", "123", "n78-89a35"})
    void malformedLccnsAreDropped(String catalogued) {
        assertNull(Lccn.normalize(catalogued));
    }
}
