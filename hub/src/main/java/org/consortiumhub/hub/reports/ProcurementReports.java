package org.consortiumhub.hub.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.api.model.CoPurchasingReport;
import org.consortiumhub.api.model.CostPerUseLine;
import org.consortiumhub.api.model.CostPerUseReport;
import org.consortiumhub.api.model.CurrencyAmount;
import org.consortiumhub.api.model.MemberShare;
import org.consortiumhub.api.model.MemberSpend;
import org.consortiumhub.api.model.PurchaseLine;
import org.consortiumhub.api.model.SavingsLine;
import org.consortiumhub.api.model.SavingsReport;
import org.consortiumhub.api.model.SpendReport;
import org.consortiumhub.hub.procurement.ProcurementService;
import org.consortiumhub.hub.procurement.UsageService;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The procurement reports: co-purchasing, spend per member, savings from avoided duplicate purchases and cost per
 * use. Each reads the purchases approved in the period, with their shares, in one query and sums in Java.
 */
@ApplicationScoped
public class ProcurementReports {

    @Inject
    Pool pool;

    @Inject
    ProcurementService procurement;

    @Inject
    UsageService usage;

    public Uni<CoPurchasingReport> coPurchasing(Period period) {
        Uni<Map<String, Integer>> proposals = pool.preparedQuery("select status, count(*) from procurement_proposal"
                + " where created_at >= $1::date and created_at < $2::date group by status")
                .execute(Tuple.of(period.from(), period.endExclusive()))
                .map(rows -> {
                    Map<String, Integer> byStatus = new TreeMap<>();
                    rows.forEach(r -> byStatus.put(r.getString(0), r.getInteger(1)));
                    return byStatus;
                });
        Uni<List<Row>> pledges = pool.preparedQuery("select p.currency, count(*), sum(pl.amount_minor)::bigint"
                + " from procurement_pledge pl join procurement_proposal p on p.id = pl.proposal_id"
                + " where p.created_at >= $1::date and p.created_at < $2::date group by p.currency order by p.currency")
                .execute(Tuple.of(period.from(), period.endExclusive()))
                .map(rows -> {
                    List<Row> list = new ArrayList<>();
                    rows.forEach(list::add);
                    return list;
                });
        return Uni.combine().all().unis(proposals, pledges, purchases(period)).asTuple().map(t -> {
            Map<String, Integer> byStatus = t.getItem1();
            int pledgeCount = 0;
            List<CurrencyAmount> pledged = new ArrayList<>();
            for (Row r : t.getItem2()) {
                pledgeCount += r.getInteger(1);
                pledged.add(new CurrencyAmount().currency(r.getString(0)).amountMinor(r.getLong(2)));
            }
            Map<String, Long> spent = new TreeMap<>();
            t.getItem3().forEach(p -> spent.merge(p.getCurrency(), p.getPriceMinor(), Long::sum));
            return new CoPurchasingReport().period(period.toApi())
                    .proposalsCreated(byStatus.values().stream().mapToInt(Integer::intValue).sum())
                    .proposalsOpen(byStatus.getOrDefault("OPEN", 0)).proposalsApproved(byStatus.getOrDefault("APPROVED", 0))
                    .proposalsRejected(byStatus.getOrDefault("REJECTED", 0)).pledges(pledgeCount).pledgedByCurrency(pledged)
                    .purchases(t.getItem3()).spentByCurrency(amounts(spent));
        });
    }

    public Uni<SpendReport> spend(Period period) {
        return purchases(period).map(purchases -> {
            Map<String, MemberSpend> byMember = new TreeMap<>();
            for (PurchaseLine p : purchases) {
                for (MemberShare s : p.getShares()) {
                    MemberSpend m = byMember.computeIfAbsent(s.getMemberCode() + '\u0000' + p.getCurrency(),
                            k -> new MemberSpend().memberCode(s.getMemberCode()).currency(p.getCurrency()).purchases(0)
                                    .spentMinor(0L).listPriceMinor(0L).savedMinor(0L));
                    m.purchases(m.getPurchases() + 1).spentMinor(m.getSpentMinor() + s.getAmountMinor());
                    if (s.getListPriceMinor() != null) {
                        m.listPriceMinor(m.getListPriceMinor() + s.getListPriceMinor()).savedMinor(m.getSavedMinor()
                                + ReportArithmetic.saved(s.getListPriceMinor(), s.getAmountMinor()));
                    }
                }
            }
            return new SpendReport().period(period.toApi()).members(new ArrayList<>(byMember.values()));
        });
    }

    public Uni<SavingsReport> savings(Period period) {
        return purchases(period).map(purchases -> {
            List<SavingsLine> lines = new ArrayList<>();
            Map<String, Long> saved = new TreeMap<>();
            for (PurchaseLine p : purchases) {
                long listPrices = 0;
                long sharesOfKnown = 0;
                List<String> without = new ArrayList<>();
                for (MemberShare s : p.getShares()) {
                    if (s.getListPriceMinor() == null) {
                        without.add(s.getMemberCode());
                    } else {
                        listPrices += s.getListPriceMinor();
                        sharesOfKnown += s.getAmountMinor();
                    }
                }
                long savedMinor = ReportArithmetic.saved(listPrices, sharesOfKnown);
                saved.merge(p.getCurrency(), savedMinor, Long::sum);
                lines.add(new SavingsLine().purchaseId(p.getPurchaseId()).title(p.getTitle()).currency(p.getCurrency())
                        .priceMinor(p.getPriceMinor()).listPricesMinor(listPrices).savedMinor(savedMinor)
                        .membersWithoutListPrice(without));
            }
            return new SavingsReport().period(period.toApi()).purchases(lines).savedByCurrency(amounts(saved));
        });
    }

    /** Cost per use of the purchases whose term overlaps the period, by the uses recorded in the period. */
    public Uni<CostPerUseReport> costPerUse(Period period) {
        return purchases(period, true).flatMap(purchases -> {
            List<Uni<List<CostPerUseLine>>> each = new ArrayList<>();
            for (PurchaseLine p : purchases) {
                each.add(procurement.identifiers(p.getProposalId())
                        .flatMap(ids -> usage.countsByMember(ids, period.from().withDayOfMonth(1), period.to()))
                        .map(uses -> p.getShares().stream().map(s -> {
                            long used = uses.getOrDefault(s.getMemberCode().toLowerCase(), 0L);
                            return new CostPerUseLine().purchaseId(p.getPurchaseId()).title(p.getTitle())
                                    .currency(p.getCurrency()).memberCode(s.getMemberCode()).shareMinor(s.getAmountMinor())
                                    .uses(used).costPerUseMinor(ReportArithmetic.costPerUse(s.getAmountMinor(), used));
                        }).toList()));
            }
            Uni<List<List<CostPerUseLine>>> all = each.isEmpty() ? Uni.createFrom().item(List.of())
                    : Uni.join().all(each).andFailFast();
            return all.map(lists -> new CostPerUseReport().period(period.toApi())
                    .lines(lists.stream().flatMap(List::stream).toList()));
        });
    }

    /** The purchases approved in the period, oldest first, each with its members' shares. */
    Uni<List<PurchaseLine>> purchases(Period period) {
        return purchases(period, false);
    }

    /** The purchases approved in the period, or whose term overlaps it, oldest first, with their shares. */
    private Uni<List<PurchaseLine>> purchases(Period period, boolean byTerm) {
        String when = byTerm ? " where p.term_start < $2::date and p.term_end >= $1::date"
                : " where u.approved_at >= $1::date and u.approved_at < $2::date";
        return pool.preparedQuery("select u.id, u.proposal_id, p.title, p.vendor, u.currency, u.price_minor, u.approved_at,"
                + " m.code, s.amount_minor, s.pledged_minor, s.list_price_minor, s.usage, s.holder"
                + " from procurement_purchase u join procurement_proposal p on p.id = u.proposal_id"
                + " join procurement_share s on s.purchase_id = u.id join member_library m on m.id = s.member_id"
                + when + " order by u.approved_at, u.id, m.code")
                .execute(Tuple.of(period.from(), period.endExclusive()))
                .map(rows -> {
                    Map<Long, PurchaseLine> byId = new LinkedHashMap<>();
                    for (Row r : rows) {
                        PurchaseLine p = byId.computeIfAbsent(r.getLong("id"), id -> new PurchaseLine().purchaseId(id)
                                .proposalId(r.getLong("proposal_id")).title(r.getString("title")).vendor(r.getString("vendor"))
                                .currency(r.getString("currency")).priceMinor(r.getLong("price_minor"))
                                .approvedAt(r.getOffsetDateTime("approved_at")).shares(new ArrayList<>()));
                        Long pledged = r.getLong("pledged_minor");
                        p.getShares().add(new MemberShare().memberCode(r.getString("code")).amountMinor(r.getLong("amount_minor"))
                                .pledgedMinor(pledged).listPriceMinor(r.getLong("list_price_minor")).usage(r.getLong("usage"))
                                .holder(r.getBoolean("holder"))
                                .exceedsPledge(pledged != null && r.getLong("amount_minor") > pledged));
                    }
                    return new ArrayList<>(byId.values());
                });
    }

    private static List<CurrencyAmount> amounts(Map<String, Long> byCurrency) {
        List<CurrencyAmount> list = new ArrayList<>();
        byCurrency.forEach((c, a) -> list.add(new CurrencyAmount().currency(c).amountMinor(a)));
        return list;
    }
}
