package org.consortiumhub.hub.firststart;

import java.math.BigDecimal;
import java.util.List;

import org.consortiumhub.hub.membership.ShippingAddress;

/** The five libraries, and their people, of the demo consortium a new embedded hub starts with. */
final class DemoConsortium {

    record DemoMember(String code, String name, String region, int fte, int materialsBudget, String email,
            ShippingAddress address, String staffUsername, String staffName, DemoLending lending) {
    }

    /**
     * A demo library's lending policy: what it lends (formats empty = all), for how long and at what cost; the big
     * university lends as the consortium's last resort, the public library only books, recordings and films and
     * closes over the winter holidays.
     */
    record DemoLending(boolean loans, boolean copies, String[] formats, int loanDays, Integer maxActiveLoans, int loanCost,
            int copyCost, boolean lastResort, boolean winterClosure) {
    }

    static final String MANAGER_USERNAME = "alliance.manager";
    static final String MANAGER_NAME = "Alex Morgan (alliance manager)";

    static final List<DemoMember> MEMBERS = List.of(
            new DemoMember("US-RVC", "Riverside College Library", "North", 4_200, 650_000, "ill@riverside.example.edu",
                    new ShippingAddress("Riverside College Library, ILL Office", "1 College Green", "Riverside", "MN", "55401", "US"),
                    "ill.rvc", "Dana Reyes",
                    new DemoLending(true, true, new String[0], 28, null, 0, 0, false, false)),
            new DemoMember("US-HLU", "Hillcrest University Libraries", "North", 18_500, 4_800_000, "ill@hillcrest.example.edu",
                    new ShippingAddress("Hillcrest University, Resource Sharing", "200 University Ave", "Hillcrest", "MN", "55812", "US"),
                    "ill.hlu", "Sam Okafor",
                    new DemoLending(true, true, new String[0], 42, 100, 0, 5, true, false)),
            new DemoMember("US-LKP", "Lakeport Public Library", "South", 0, 900_000, "interloan@lakeport.example.org",
                    new ShippingAddress("Lakeport Public Library, Interlibrary Loan", "45 Harbor Street", "Lakeport", "MN", "56401", "US"),
                    "ill.lkp", "Chris Lindqvist",
                    new DemoLending(true, false, new String[] { "BOOK", "MUSIC_RECORDING", "VIDEO" }, 21, 20, 0, 0, false, true)),
            new DemoMember("US-NSU", "Northshore State University Library", "East", 11_300, 2_300_000, "ill@northshore.example.edu",
                    new ShippingAddress("Northshore State University Library, ILL", "9 Lakeview Road", "Duluth", "MN", "55805", "US"),
                    "ill.nsu", "Priya Natarajan",
                    new DemoLending(true, true, new String[0], 28, null, 10, 8, false, false)),
            new DemoMember("US-MDC", "Meadow Community College Library", "South", 2_900, 210_000, "library@meadow.example.edu",
                    new ShippingAddress("Meadow Community College Library", "300 Prairie Way", "Mankato", "MN", "56001", "US"),
                    "ill.mdc", "Jordan Blake",
                    new DemoLending(true, true, new String[0], 21, 15, 0, 0, false, false)));

    private DemoConsortium() {
    }

    static BigDecimal amount(int value) {
        return BigDecimal.valueOf(value);
    }
}
