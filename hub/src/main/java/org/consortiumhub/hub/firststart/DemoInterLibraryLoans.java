package org.consortiumhub.hub.firststart;

import java.util.List;

import org.consortiumhub.ill.request.IllRequests;
import org.consortiumhub.ill.request.NewRequest;
import org.consortiumhub.ill.state.ServiceType;
import org.consortiumhub.ill.state.Side;
import org.jboss.logging.Logger;

import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A few loans and copies already under way in the demo consortium, so that its staff find work in their queues on
 * first login: one on loan, one shipped, one the lender expects to supply, one a lender could not fill and passed
 * on, and new ones (a rush loan, a copy) waiting for an answer. Made through the ILL workflow itself, as staff would.
 */
final class DemoInterLibraryLoans {

    private static final Logger LOG = Logger.getLogger(DemoInterLibraryLoans.class);

    /** A demo request: who borrows, what, for whom, and the steps the lender and then the borrower have taken. */
    private record Plan(String borrower, ServiceType type, NewRequest.ServiceLevel level, String patronId, String patronName,
            List<String> lenderSteps, List<String> borrowerSteps) {
    }

    private static final List<Plan> PLANS = List.of(
            new Plan("US-RVC", ServiceType.LOAN, NewRequest.ServiceLevel.NORMAL, "P-1042", "Ada Reader",
                    List.of("willSupply", "ship"), List.of("received")),
            new Plan("US-RVC", ServiceType.LOAN, NewRequest.ServiceLevel.RUSH, "P-2231", "Ben Okoro", List.of(), List.of()),
            new Plan("US-NSU", ServiceType.LOAN, NewRequest.ServiceLevel.NORMAL, "N-77", "Cleo Park",
                    List.of("expectToSupply"), List.of()),
            new Plan("US-MDC", ServiceType.COPY, NewRequest.ServiceLevel.NORMAL, "M-5", "Dev Rao", List.of(), List.of()),
            new Plan("US-HLU", ServiceType.LOAN, NewRequest.ServiceLevel.NORMAL, "H-310", "Eli Moss", List.of("ship"), List.of()),
            new Plan("US-LKP", ServiceType.LOAN, NewRequest.ServiceLevel.NORMAL, "K-19", "Fay Quinn", List.of("unfilled"), List.of()));

    /** A cluster other members lend and the borrower does not hold, different for each plan of a borrower. */
    private static final String CLUSTER = """
            select c.cluster_id from catalog_record c join member_library m on m.id = c.member_id
             where m.code <> $1
               and exists (select 1 from jsonb_array_elements(c.holdings) h where (h->>'lendable')::boolean)
               and not exists (select 1 from catalog_record o join member_library om on om.id = o.member_id
                                where o.cluster_id = c.cluster_id and om.code = $1)
             group by c.cluster_id having count(distinct c.member_id) >= 2
             order by c.cluster_id offset $2 limit 1""";

    private DemoInterLibraryLoans() {
    }

    static void load(IllRequests requests, Pool pool) {
        int made = 0;
        for (int i = 0; i < PLANS.size(); i++) {
            Plan plan = PLANS.get(i);
            int offset = i;
            try {
                Long cluster = VertxContextSupport.subscribeAndAwait(() -> pool.preparedQuery(CLUSTER)
                        .execute(Tuple.of(plan.borrower(), offset)).map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0)));
                if (cluster == null) {
                    continue;
                }
                boolean copy = plan.type() == ServiceType.COPY;
                NewRequest request = new NewRequest(plan.type(), cluster, null, null, copy ? "Chapter 1" : null, null, null,
                        null, copy ? "1-24" : null, null, null, plan.patronId(), plan.patronName(), null, plan.level(), null,
                        null, copy ? NewRequest.Copyright.CCG : null, false);
                long id = VertxContextSupport.subscribeAndAwait(() -> requests.create(staffOf(plan.borrower()), plan.borrower(), request));
                for (String step : plan.lenderSteps()) {
                    String lender = VertxContextSupport.subscribeAndAwait(() -> requests.get(id)).lenderCode();
                    VertxContextSupport.subscribeAndAwait(() -> requests.act(id, staffOf(lender), (r, b, l) -> Side.SUPPLIER, step,
                            null, step.equals("unfilled") ? "NotOnShelf" : null, null));
                }
                for (String step : plan.borrowerSteps()) {
                    VertxContextSupport.subscribeAndAwait(() -> requests.act(id, staffOf(plan.borrower()),
                            (r, b, l) -> Side.REQUESTER, step, null, null, null));
                }
                made++;
            } catch (Throwable e) {
                // The demo's requests are a convenience: a hub whose demo catalog offers no such title still starts.
                LOG.warnf("Demo ILL request of %s not made: %s", plan.borrower(), e.getMessage());
            }
        }
        LOG.infof("Demo ILL requests under way: %d", made);
    }

    private static String staffOf(String memberCode) {
        return DemoConsortium.MEMBERS.stream().filter(m -> m.code().equals(memberCode)).findFirst().orElseThrow().staffUsername();
    }
}
