package org.consortiumhub.adapter.availability.sru;

import static org.consortiumhub.adapter.availability.ItemStatus.AVAILABLE;
import static org.consortiumhub.adapter.availability.ItemStatus.CHECKED_OUT;
import static org.consortiumhub.adapter.availability.ItemStatus.IN_TRANSIT;
import static org.consortiumhub.adapter.availability.ItemStatus.NOT_REQUESTABLE;
import static org.consortiumhub.adapter.availability.ItemStatus.ON_HOLD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;

import org.consortiumhub.adapter.availability.ItemAvailability;
import org.consortiumhub.adapter.availability.ItemStatus;
import org.consortiumhub.catalog.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Items and their availability as eight real library systems answer SRU searchRetrieve. */
class SruResponseParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            alma-princeton.xml                                      | AVAILABLE
            evergreen-east-central-with-checked-out-item-status.xml | CHECKED_OUT
            evergreen-east-central-with-in-transit-item-status.xml  | IN_TRANSIT
            evergreen-lake-agassiz-with-available-item-status.xml   | AVAILABLE
            horizon-hennepin.xml                                    | AVAILABLE
            horizon-jhu.xml                                         | AVAILABLE
            koha-chatham.xml                                        | AVAILABLE
            koha-chatham_checked_out.xml                            | CHECKED_OUT
            polaris-with-held-item-status.xml                       | ON_HOLD
            polaris-with-in-item-status.xml                         | AVAILABLE
            sierra-laroche.xml                                      | AVAILABLE
            sierra-laroche-unavail.xml                              | CHECKED_OUT
            voyager-temp.xml                                        | NOT_REQUESTABLE
            """)
    void readsTheStatusEachSystemReports(String file, ItemStatus expected) throws Exception {
        List<ItemAvailability> items = items(file);

        assertEquals(1, items.size(), items.toString());
        assertEquals(expected, items.get(0).status(), items.toString());
    }

    @Test
    void almaGivesBarcodeLocationAndCallNumber() throws Exception {
        ItemAvailability item = items("alma-princeton.xml").get(0);

        assertEquals(new ItemAvailability("9911694303506421", "32101034358281",
                "Firestone Library, stacks: Firestone Library", "HG2481 .C42 1997", AVAILABLE, null), item);
    }

    @Test
    void folioTellsAReserveCopyFromACheckedOutOne() throws Exception {
        List<ItemAvailability> items = items("folio-not-requestable.xml");

        assertEquals(2, items.size());
        assertEquals(new ItemAvailability("15112677", "31924128478918", "Olin Reserve", "CB19 .G69 2021",
                NOT_REQUESTABLE, null), items.get(0));
        assertEquals(CHECKED_OUT, items.get(1).status());
        assertEquals("31924127029480", items.get(1).barcode());
    }

    @Test
    void kohaGivesTheDueDateOfALoan() throws Exception {
        ItemAvailability item = items("koha-chatham_checked_out.xml").get(0);

        assertEquals(new ItemAvailability("ocn936082941", "31437000069572", "CHATHAM, CIRC2", "580.1 G733v",
                CHECKED_OUT, LocalDate.of(2023, 3, 12)), item);
    }

    @Test
    void sierraDueNotesAreMonthDayYear() throws Exception {
        ItemAvailability item = items("sierra-laroche-unavail.xml").get(0);

        assertEquals(LocalDate.of(2023, 1, 11), item.dueDate());
        assertEquals("608 A58a 1996", item.callNumber());
    }

    @Test
    void evergreenAndPolarisUseTheir852s() throws Exception {
        ItemAvailability evergreen = items("evergreen-east-central-with-in-transit-item-status.xml").get(0);
        ItemAvailability polaris = items("polaris-with-held-item-status.xml").get(0);

        assertEquals(new ItemAvailability(null, "32050009446284", "EC-PR", "CAR", IN_TRANSIT, null), evergreen);
        assertEquals(new ItemAvailability(null, "31256016640014", "Main Library, Adult nonfiction", "394.268 Sa56l",
                ON_HOLD, null), polaris);
    }

    @Test
    void everyRecordOfAnIsbnSearchCounts() throws Exception {
        List<ItemAvailability> items = items("alma-dickinson-multiple.xml");

        // the server counts 4 matches but sends 3 records
        assertEquals(3, items.stream().map(ItemAvailability::localId).distinct().count(), items.toString());
        assertEquals(CHECKED_OUT, items.get(2).status(), "not available now, available again on a date");
        assertEquals(LocalDate.of(2023, 1, 25), items.get(2).dueDate());
    }

    @Test
    void horizonListsEveryBranchCopy() throws Exception {
        List<ItemAvailability> items = items("horizon-southeastern.xml");

        assertEquals(items.size(), items.stream().filter(i -> i.status() == AVAILABLE).count());
        assertEquals("Dodge Center Public Library, Juvenile Fiction Book", items.get(0).location());
    }

    @Test
    void anEmptyAnswerHasNoRecords() throws Exception {
        SruResponseParser.Answer answer = SruResponseParser.parse(SharedData.bytes("sru/alma-princeton-notfound.xml"));

        assertEquals(0, answer.numberOfRecords());
        assertEquals(List.of(), answer.items());
    }

    private static List<ItemAvailability> items(String file) throws Exception {
        return SruResponseParser.parse(SharedData.bytes("sru/" + file)).items();
    }
}
