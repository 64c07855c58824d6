package org.consortiumhub.hub.procurement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consortiumhub.api.model.DecisionKind;
import org.consortiumhub.api.model.HolderCount;
import org.consortiumhub.api.model.Licence;
import org.consortiumhub.api.model.MemberAmount;
import org.consortiumhub.api.model.MemberShare;
import org.consortiumhub.api.model.NewPledge;
import org.consortiumhub.api.model.NewProposal;
import org.consortiumhub.api.model.Pledge;
import org.consortiumhub.api.model.Proposal;
import org.consortiumhub.api.model.ProposalDecision;
import org.consortiumhub.api.model.ProposalStatus;
import org.consortiumhub.api.model.ProposalTitle;
import org.consortiumhub.api.model.Purchase;
import org.consortiumhub.api.model.ResourceKind;
import org.consortiumhub.api.model.ShareRequest;
import org.consortiumhub.api.model.UsageCount;
import org.consortiumhub.catalog.store.CatalogReads;
import org.consortiumhub.hub.access.AccessPolicy;
import org.consortiumhub.hub.access.Caller;
import org.consortiumhub.hub.catalog.CatalogHoldings;
import org.consortiumhub.hub.problem.FieldChecks;
import org.consortiumhub.hub.problem.FieldProblem;
import org.consortiumhub.hub.membership.MemberService;
import org.consortiumhub.hub.problem.ProblemException;
import org.consortiumhub.hub.procurement.costshare.Basis;
import org.consortiumhub.hub.procurement.costshare.CostShare;
import org.consortiumhub.hub.procurement.costshare.CostShareCalculator;
import org.consortiumhub.hub.procurement.costshare.CostShareException;
import org.consortiumhub.hub.procurement.costshare.CostShareFormula;
import org.consortiumhub.hub.procurement.costshare.Participant;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Joint procurement: proposals, members' pledges, and the purchase an approved proposal becomes. A proposal is
 * written and read as a set of rows (its list prices, titles, pledges; a purchase and its shares), each call in one
 * SQL transaction on the reactive client. Access is checked first, by {@link AccessPolicy}.
 */
@ApplicationScoped
public class ProcurementService {

    /** The COUNTER metric cost per use and usage-based shares count: every request of the content. */
    public static final String USAGE_METRIC = "Total_Item_Requests";

    private static final String PROPOSAL = "select p.*, (select id from procurement_purchase where proposal_id = p.id) as purchase_id"
            + " from procurement_proposal p";

    @Inject
    Pool pool;

    @Inject
    CatalogHoldings catalog;

    @Inject
    UsageService usage;

    @Inject
    CatalogReads reads;

    // ------------------------------------------------------------------------------------------------ proposals

    public Uni<Proposal> create(Caller caller, NewProposal p) {
        AccessPolicy.manageAlliance(caller, "propose joint purchases");
        FieldChecks checks = new FieldChecks();
        checks.require(!p.getTitle().isBlank(), "title", "must not be blank")
                .require(!p.getVendor().isBlank(), "vendor", "must not be blank")
                .require(!p.getTermEnd().isBefore(p.getTermStart()), "termEnd",
                        "must not be before termStart (" + p.getTermStart() + ")");
        checkCurrency(p.getCurrency(), checks);
        if (p.getResourceKind() == ResourceKind.CLUSTER) {
            checks.require(p.getClusterId() != null, "clusterId", "is required for a CLUSTER proposal");
        } else {
            checks.require(p.getClusterId() == null, "clusterId",
                    "must be absent for a TITLE_LIST proposal; upload the list with PUT .../title-list");
        }
        List<MemberAmount> listPrices = p.getListPrices() == null ? List.of() : p.getListPrices();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < listPrices.size(); i++) {
            checks.require(seen.add(listPrices.get(i).getMemberCode().toLowerCase()), "listPrices[" + i + "].memberCode",
                    "member " + listPrices.get(i).getMemberCode() + " has a list price already");
        }
        checks.throwIfAny();
        CostShareFormula formula = FormulaJson.fromApi(p.getFormula(), "formula");
        Uni<Long> cluster = p.getClusterId() == null ? Uni.createFrom().nullItem()
                : catalog.requireCluster(p.getClusterId(), "clusterId");
        return cluster.flatMap(clusterId -> memberIds(listPrices.stream().map(MemberAmount::getMemberCode).toList(), "listPrices")
                .flatMap(members -> pool.withTransaction(conn -> conn.preparedQuery("insert into procurement_proposal"
                        + " (title, resource_kind, cluster_id, vendor, currency, consortium_price_minor, term_start, term_end,"
                        + " ill_print, ill_electronic, licence_notes, formula, status, created_by, created_at)"
                        + " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'OPEN', $13, $14) returning id")
                        .execute(Tuple.from(new Object[] { p.getTitle().strip(), p.getResourceKind().name(), clusterId,
                                p.getVendor().strip(), p.getCurrency(), p.getConsortiumPriceMinor(), p.getTermStart(),
                                p.getTermEnd(), p.getLicence().getIllPrint(), p.getLicence().getIllElectronic(),
                                blankToNull(p.getLicence().getNotes()), FormulaJson.encode(formula), caller.name(), now() }))
                        .flatMap(rows -> {
                            long id = rows.iterator().next().getLong(0);
                            if (listPrices.isEmpty()) {
                                return Uni.createFrom().item(id);
                            }
                            List<Tuple> batch = new ArrayList<>();
                            for (MemberAmount a : listPrices) {
                                batch.add(Tuple.of(id, members.get(a.getMemberCode().toLowerCase()), a.getAmountMinor()));
                            }
                            return conn.preparedQuery("insert into procurement_list_price (proposal_id, member_id, amount_minor)"
                                    + " values ($1, $2, $3)").executeBatch(batch).replaceWith(id);
                        })))
                .flatMap(id -> load(pool, id, null)));
    }

    public Uni<List<Proposal>> list(Caller caller, ProposalStatus status) {
        String scope = AccessPolicy.allianceReadScope(caller, "procurement proposals");
        String sql = "select id from procurement_proposal" + (status == null ? "" : " where status = $1")
                + " order by created_at desc, id desc";
        return pool.preparedQuery(sql).execute(status == null ? Tuple.tuple() : Tuple.of(status.name()))
                .flatMap(rows -> {
                    List<Uni<Proposal>> each = new ArrayList<>();
                    rows.forEach(r -> each.add(load(pool, r.getLong(0), scope)));
                    return each.isEmpty() ? Uni.createFrom().item(List.<Proposal>of())
                            : Uni.join().all(each).andFailFast();
                });
    }

    public Uni<Proposal> get(Caller caller, long id) {
        String scope = AccessPolicy.allianceReadScope(caller, "procurement proposals");
        return load(pool, id, scope);
    }

    public Uni<Proposal> uploadTitleList(Caller caller, long id, String body) {
        AccessPolicy.manageAlliance(caller, "upload title lists");
        List<KbartTitleList.Title> titles;
        try {
            titles = KbartTitleList.read(body);
        } catch (KbartTitleList.UnreadableListException e) {
            throw ProblemException.invalid(e.problems().stream().map(m -> new FieldProblem("body", m)).toList());
        }
        Set<Long> keys = new HashSet<>();
        for (KbartTitleList.Title t : titles) {
            for (String raw : new String[] { t.printIdentifier(), t.onlineIdentifier() }) {
                TitleIdentifier identifier = TitleIdentifier.parse(raw);
                if (identifier != null) {
                    keys.add(identifier.matchKey());
                }
            }
        }
        return catalog.clustersByMatchKey(keys).flatMap(clusters -> pool.withTransaction(conn -> openProposal(conn, id)
                .flatMap(row -> {
                    if (!ResourceKind.TITLE_LIST.name().equals(row.getString("resource_kind"))) {
                        throw ProblemException.conflict(null, "proposal " + id + " is for cluster "
                                + row.getLong("cluster_id") + ", not a title list");
                    }
                    int n = titles.size();
                    Integer[] positions = new Integer[n];
                    String[] names = new String[n];
                    String[] print = new String[n];
                    String[] online = new String[n];
                    String[] types = new String[n];
                    String[] publishers = new String[n];
                    Long[] clusterIds = new Long[n];
                    int matched = 0;
                    for (int i = 0; i < n; i++) {
                        KbartTitleList.Title t = titles.get(i);
                        positions[i] = i + 1;
                        names[i] = t.title();
                        print[i] = truncate(t.printIdentifier(), 40);
                        online[i] = truncate(t.onlineIdentifier(), 40);
                        types[i] = truncate(t.publicationType(), 40);
                        publishers[i] = t.publisher();
                        clusterIds[i] = clusterOf(t, clusters);
                        if (clusterIds[i] != null) {
                            matched++;
                        }
                    }
                    int matchedTitles = matched;
                    return conn.preparedQuery("delete from procurement_title where proposal_id = $1").execute(Tuple.of(id))
                            .flatMap(x -> conn.preparedQuery("insert into procurement_title (proposal_id, position, title,"
                                    + " print_identifier, online_identifier, publication_type, publisher, cluster_id)"
                                    + " select $1, * from unnest($2::int[], $3::text[], $4::varchar[], $5::varchar[],"
                                    + " $6::varchar[], $7::text[], $8::bigint[])")
                                    .execute(Tuple.from(new Object[] { id, positions, names, print, online, types, publishers,
                                            clusterIds })))
                            .flatMap(x -> conn.preparedQuery("update procurement_proposal set title_count = $2,"
                                    + " matched_titles = $3 where id = $1").execute(Tuple.of(id, n, matchedTitles)));
                })))
                .flatMap(x -> load(pool, id, null));
    }

    public Uni<List<ProposalTitle>> titles(Caller caller, long id, int page, int size) {
        AccessPolicy.allianceReadScope(caller, "procurement proposals");
        FieldChecks checks = new FieldChecks();
        checks.require(page >= 1, "page", "must be 1 or more").require(size >= 1 && size <= 1000, "size",
                "must be between 1 and 1000").throwIfAny();
        return requireProposal(pool, id).flatMap(p -> pool.preparedQuery("select * from procurement_title where proposal_id = $1"
                + " order by position limit $2 offset $3").execute(Tuple.of(id, size, (long) (page - 1) * size)))
                .flatMap(rows -> {
                    List<Row> list = new ArrayList<>();
                    rows.forEach(list::add);
                    List<Long> clusterIds = list.stream().map(r -> r.getLong("cluster_id")).filter(c -> c != null).toList();
                    return catalog.holders(clusterIds).map(holders -> list.stream().map(r -> {
                        Long cluster = r.getLong("cluster_id");
                        return new ProposalTitle().position(r.getInteger("position")).title(r.getString("title"))
                                .printIdentifier(r.getString("print_identifier")).onlineIdentifier(r.getString("online_identifier"))
                                .publicationType(r.getString("publication_type")).publisher(r.getString("publisher"))
                                .clusterId(cluster)
                                .holders(cluster == null ? List.of() : List.copyOf(holders.getOrDefault(cluster, new TreeSet<>())));
                    }).toList());
                });
    }

    // ------------------------------------------------------------------------------------------------ pledges

    public Uni<Pledge> pledge(Caller caller, long id, String code, NewPledge pledge) {
        AccessPolicy.actForMember(caller, code, "pledge");
        return pool.withTransaction(conn -> openProposal(conn, id)
                .flatMap(p -> MemberService.row(conn, code))
                .flatMap(member -> conn.preparedQuery("insert into procurement_pledge (proposal_id, member_id, amount_minor,"
                        + " note, pledged_by, pledged_at) values ($1, $2, $3, $4, $5, $6) on conflict (proposal_id, member_id)"
                        + " do update set amount_minor = excluded.amount_minor, note = excluded.note,"
                        + " pledged_by = excluded.pledged_by, pledged_at = excluded.pledged_at returning pledged_at")
                        .execute(Tuple.from(new Object[] { id, member.getLong("id"), pledge.getAmountMinor(),
                                blankToNull(pledge.getNote()), caller.name(), now() }))
                        .map(rows -> new Pledge().memberCode(member.getString("code")).amountMinor(pledge.getAmountMinor())
                                .note(blankToNull(pledge.getNote())).pledgedBy(caller.name())
                                .pledgedAt(rows.iterator().next().getOffsetDateTime(0)))));
    }

    public Uni<Void> withdraw(Caller caller, long id, String code) {
        AccessPolicy.actForMember(caller, code, "withdraw a pledge");
        return pool.withTransaction(conn -> openProposal(conn, id)
                .flatMap(p -> MemberService.row(conn, code))
                .flatMap(member -> conn.preparedQuery("delete from procurement_pledge where proposal_id = $1 and member_id = $2")
                        .execute(Tuple.of(id, member.getLong("id")))
                        .map(rows -> {
                            if (rows.rowCount() == 0) {
                                throw ProblemException.notFound("member " + member.getString("code")
                                        + " has no pledge for proposal " + id);
                            }
                            return null;
                        })));
    }

    // ------------------------------------------------------------------------------------------------ shares and decisions

    public Uni<List<MemberShare>> preview(Caller caller, long id, ShareRequest request) {
        AccessPolicy.manageAlliance(caller, "preview cost shares");
        UsagePeriod period = UsagePeriod.of(request.getUsageFrom(), request.getUsageTo());
        return requireProposal(pool, id).flatMap(row -> {
            CostShareFormula f = request.getFormula() == null ? FormulaJson.decode(row.getString("formula"))
                    : FormulaJson.fromApi(request.getFormula(), "formula");
            return shareInputs(row, f, request.getUsage(), period).flatMap(inputs -> pledges(pool, id)
                    .map(pledges -> shares(row, f, pledges, inputs)));
        });
    }

    public Uni<Proposal> decide(Caller caller, long id, ProposalDecision decision) {
        AccessPolicy.manageAlliance(caller, "approve or reject proposals");
        String note = blankToNull(decision.getNote());
        if (decision.getDecision() == DecisionKind.REJECT) {
            return pool.withTransaction(conn -> openProposal(conn, id)
                    .flatMap(row -> conn.preparedQuery("update procurement_proposal set status = 'REJECTED', decided_by = $2,"
                            + " decided_at = $3, decision_note = $4 where id = $1")
                            .execute(Tuple.of(id, caller.name(), now(), note))))
                    .flatMap(x -> load(pool, id, null));
        }
        UsagePeriod period = UsagePeriod.of(decision.getUsageFrom(), decision.getUsageTo());
        return requireProposal(pool, id).flatMap(current -> {
            CostShareFormula f = decision.getFormula() == null ? FormulaJson.decode(current.getString("formula"))
                    : FormulaJson.fromApi(decision.getFormula(), "formula");
            return shareInputs(current, f, decision.getUsage(), period).flatMap(inputs -> pool.withTransaction(conn -> openProposal(conn, id)
                    .flatMap(row -> pledges(conn, id).flatMap(pledges -> {
                        if (pledges.isEmpty()) {
                            throw ProblemException.conflict(null, "no member has pledged for proposal " + id
                                    + "; approval divides the price among the pledging members");
                        }
                        List<MemberShare> shares = shares(row, f, pledges, inputs);
                        OffsetDateTime at = now();
                        return conn.preparedQuery("insert into procurement_purchase (proposal_id, price_minor, currency,"
                                + " formula, approved_by, approved_at) values ($1, $2, $3, $4, $5, $6) returning id")
                                .execute(Tuple.from(new Object[] { id, row.getLong("consortium_price_minor"),
                                        row.getString("currency"), FormulaJson.encode(f), caller.name(), at }))
                                .flatMap(rows -> {
                                    long purchaseId = rows.iterator().next().getLong(0);
                                    List<Tuple> batch = new ArrayList<>();
                                    for (MemberShare s : shares) {
                                        batch.add(Tuple.from(new Object[] { purchaseId, pledges.get(s.getMemberCode()).memberId(),
                                                s.getAmountMinor(), s.getPledgedMinor(), s.getListPriceMinor(), s.getUsage(),
                                                s.getHolder() }));
                                    }
                                    return conn.preparedQuery("insert into procurement_share (purchase_id, member_id,"
                                            + " amount_minor, pledged_minor, list_price_minor, usage, holder)"
                                            + " values ($1, $2, $3, $4, $5, $6, $7)").executeBatch(batch);
                                })
                                .flatMap(x -> conn.preparedQuery("update procurement_proposal set status = 'APPROVED',"
                                        + " decided_by = $2, decided_at = $3, decision_note = $4, formula = $5 where id = $1")
                                        .execute(Tuple.of(id, caller.name(), at, note, FormulaJson.encode(f))));
                    }))))
                    .flatMap(x -> load(pool, id, null));
        });
    }

    /** What a formula may divide by beyond the pledging members' own figures: who holds it and how much each used it. */
    private record ShareInputs(Set<String> holders, Map<String, Long> usage) {
    }

    private record PledgeRow(long memberId, String memberCode, long amountMinor, BigDecimal fte,
            BigDecimal materialsBudget, Long listPriceMinor) {
    }

    /** The months of recorded usage a usage-based formula counts: by default the twelve before today. */
    private record UsagePeriod(LocalDate from, LocalDate to) {
        static UsagePeriod of(LocalDate from, LocalDate to) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            LocalDate end = to == null ? today : to;
            LocalDate start = from == null ? end.minusMonths(12).withDayOfMonth(1) : from.withDayOfMonth(1);
            if (start.isAfter(end)) {
                throw ProblemException.invalid("usageFrom", "must not be after usageTo (" + start + " > " + end + ")");
            }
            return new UsagePeriod(start, end);
        }
    }

    private Uni<ShareInputs> shareInputs(Row proposal, CostShareFormula formula, List<UsageCount> given, UsagePeriod period) {
        Uni<Set<String>> holders = holdersOf(proposal).map(list -> {
            Set<String> codes = new HashSet<>();
            list.forEach(h -> codes.add(h.getMemberCode().toLowerCase()));
            return codes;
        });
        Uni<Map<String, Long>> usageCounts;
        if (given != null && !given.isEmpty()) {
            Map<String, Long> counts = new HashMap<>();
            for (int i = 0; i < given.size(); i++) {
                if (counts.put(given.get(i).getMemberCode().toLowerCase(), given.get(i).getCount()) != null) {
                    throw ProblemException.invalid("usage[" + i + "].memberCode", "member " + given.get(i).getMemberCode()
                            + " has a usage count already");
                }
            }
            usageCounts = Uni.createFrom().item(counts);
        } else if (formula.uses(Basis.USAGE)) {
            usageCounts = identifiersOf(proposal).flatMap(ids -> usage.countsByMember(ids, period.from(), period.to()));
        } else {
            usageCounts = Uni.createFrom().item(Map.of());
        }
        return holders.flatMap(h -> usageCounts.map(u -> new ShareInputs(h, u)));
    }

    private static List<MemberShare> shares(Row proposal, CostShareFormula formula, Map<String, PledgeRow> pledges,
            ShareInputs inputs) {
        if (pledges.isEmpty()) {
            throw ProblemException.conflict(null, "no member has pledged for proposal " + proposal.getLong("id")
                    + "; shares are divided among the pledging members");
        }
        for (String code : inputs.usage().keySet()) {
            if (pledges.values().stream().noneMatch(p -> p.memberCode().equalsIgnoreCase(code))) {
                throw ProblemException.invalid("usage", "member " + code + " has not pledged for proposal "
                        + proposal.getLong("id") + ", so its usage counts for nothing");
            }
        }
        boolean usageGiven = !inputs.usage().isEmpty() || formula.uses(Basis.USAGE);
        List<Participant> participants = new ArrayList<>();
        for (PledgeRow p : pledges.values()) {
            String key = p.memberCode().toLowerCase();
            Long used = inputs.usage().getOrDefault(key, usageGiven ? 0L : null);
            participants.add(new Participant(p.memberCode(), p.fte(), p.materialsBudget(), used, inputs.holders().contains(key)));
        }
        List<CostShare> shares;
        try {
            shares = CostShareCalculator.shares(proposal.getLong("consortium_price_minor"), participants, formula);
        } catch (CostShareException e) {
            throw ProblemException.conflict("formula", "formula: " + e.getMessage());
        }
        Map<String, Participant> byCode = new HashMap<>();
        participants.forEach(p -> byCode.put(p.memberCode(), p));
        return shares.stream().map(s -> {
            PledgeRow p = pledges.get(s.memberCode());
            Participant participant = byCode.get(s.memberCode());
            return new MemberShare().memberCode(s.memberCode()).amountMinor(s.amountMinor()).pledgedMinor(p.amountMinor())
                    .listPriceMinor(p.listPriceMinor()).usage(participant.usage()).holder(participant.holder())
                    .exceedsPledge(s.amountMinor() > p.amountMinor());
        }).toList();
    }

    private static Uni<Map<String, PledgeRow>> pledges(SqlClient client, long id) {
        return client.preparedQuery("select m.id, m.code, p.amount_minor, m.fte, m.materials_budget, lp.amount_minor as list_price"
                + " from procurement_pledge p join member_library m on m.id = p.member_id"
                + " left join procurement_list_price lp on lp.proposal_id = p.proposal_id and lp.member_id = p.member_id"
                + " where p.proposal_id = $1 order by m.code").execute(Tuple.of(id))
                .map(rows -> {
                    Map<String, PledgeRow> pledges = new LinkedHashMap<>();
                    for (Row r : rows) {
                        pledges.put(r.getString("code"), new PledgeRow(r.getLong("id"), r.getString("code"),
                                r.getLong("amount_minor"), r.getBigDecimal("fte"), r.getBigDecimal("materials_budget"),
                                r.getLong("list_price")));
                    }
                    return pledges;
                });
    }

    // ------------------------------------------------------------------------------------------------ purchases

    public Uni<List<Purchase>> purchases(Caller caller, LocalDate from, LocalDate to) {
        String scope = AccessPolicy.allianceReadScope(caller, "purchase records");
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.invalid("from", "must not be after to (" + from + " > " + to + ")");
        }
        String sql = "select u.id from procurement_purchase u where ($1::date is null or u.approved_at >= $1::date)"
                + " and ($2::date is null or u.approved_at < $2::date + 1)"
                + (scope == null ? "" : " and exists (select 1 from procurement_share s join member_library m on m.id = s.member_id"
                        + " where s.purchase_id = u.id and lower(m.code) = lower($3))")
                + " order by u.approved_at desc, u.id desc";
        Tuple params = scope == null ? Tuple.of(from, to) : Tuple.of(from, to, scope);
        return pool.preparedQuery(sql).execute(params).flatMap(rows -> {
            List<Uni<Purchase>> each = new ArrayList<>();
            rows.forEach(r -> each.add(loadPurchase(r.getLong(0), scope)));
            return each.isEmpty() ? Uni.createFrom().item(List.<Purchase>of()) : Uni.join().all(each).andFailFast();
        });
    }

    public Uni<Purchase> purchase(Caller caller, long id) {
        String scope = AccessPolicy.allianceReadScope(caller, "purchase records");
        return loadPurchase(id, scope).map(p -> {
            if (scope != null && p.getShares().isEmpty()) {
                throw ProblemException.forbidden(caller.describe() + " may not read purchase " + id
                        + ": member " + scope + " has no share in it");
            }
            return p;
        });
    }

    private Uni<Purchase> loadPurchase(long id, String scope) {
        return pool.preparedQuery("select u.*, p.title, p.vendor, p.term_start, p.term_end from procurement_purchase u"
                + " join procurement_proposal p on p.id = u.proposal_id where u.id = $1").execute(Tuple.of(id))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("there is no purchase " + id);
                    }
                    Row u = rows.iterator().next();
                    return pool.preparedQuery("select m.code, s.* from procurement_share s join member_library m on m.id = s.member_id"
                            + " where s.purchase_id = $1 order by m.code").execute(Tuple.of(id))
                            .map(shares -> {
                                List<MemberShare> list = new ArrayList<>();
                                long listTotal = 0;
                                for (Row s : shares) {
                                    Long listPrice = s.getLong("list_price_minor");
                                    listTotal += listPrice == null ? 0 : listPrice;
                                    if (scope == null || scope.equalsIgnoreCase(s.getString("code"))) {
                                        Long pledged = s.getLong("pledged_minor");
                                        list.add(new MemberShare().memberCode(s.getString("code")).amountMinor(s.getLong("amount_minor"))
                                                .pledgedMinor(pledged).listPriceMinor(listPrice).usage(s.getLong("usage"))
                                                .holder(s.getBoolean("holder"))
                                                .exceedsPledge(pledged != null && s.getLong("amount_minor") > pledged));
                                    }
                                }
                                return new Purchase().id(u.getLong("id")).proposalId(u.getLong("proposal_id"))
                                        .title(u.getString("title")).vendor(u.getString("vendor"))
                                        .currency(u.getString("currency")).priceMinor(u.getLong("price_minor"))
                                        .termStart(u.getLocalDate("term_start")).termEnd(u.getLocalDate("term_end"))
                                        .formula(FormulaJson.toApi(FormulaJson.decode(u.getString("formula"))))
                                        .approvedBy(u.getString("approved_by")).approvedAt(u.getOffsetDateTime("approved_at"))
                                        .listPriceTotalMinor(listTotal).shares(list);
                            });
                });
    }

    // ------------------------------------------------------------------------------------------------ reading a proposal

    /** The proposal with its list prices, pledges (all, or the one member's) and current holders. */
    private Uni<Proposal> load(SqlClient client, long id, String scope) {
        return requireProposal(client, id).flatMap(row -> {
            Uni<List<MemberAmount>> listPrices = client.preparedQuery("select m.code, lp.amount_minor from procurement_list_price lp"
                    + " join member_library m on m.id = lp.member_id where lp.proposal_id = $1 order by m.code")
                    .execute(Tuple.of(id))
                    .map(rows -> {
                        List<MemberAmount> list = new ArrayList<>();
                        rows.forEach(r -> list.add(new MemberAmount().memberCode(r.getString(0)).amountMinor(r.getLong(1))));
                        return list;
                    });
            Uni<RowSet<Row>> pledges = client.preparedQuery("select m.code, p.amount_minor, p.note, p.pledged_by, p.pledged_at"
                    + " from procurement_pledge p join member_library m on m.id = p.member_id where p.proposal_id = $1"
                    + " order by m.code").execute(Tuple.of(id));
            return Uni.combine().all().unis(listPrices, pledges, holdersOf(row)).asTuple().map(t -> {
                List<Pledge> visible = new ArrayList<>();
                long total = 0;
                for (Row r : t.getItem2()) {
                    total += r.getLong("amount_minor");
                    if (scope == null || scope.equalsIgnoreCase(r.getString("code"))) {
                        visible.add(new Pledge().memberCode(r.getString("code")).amountMinor(r.getLong("amount_minor"))
                                .note(r.getString("note")).pledgedBy(r.getString("pledged_by"))
                                .pledgedAt(r.getOffsetDateTime("pledged_at")));
                    }
                }
                return new Proposal().id(id).title(row.getString("title"))
                        .resourceKind(ResourceKind.valueOf(row.getString("resource_kind"))).clusterId(row.getLong("cluster_id"))
                        .vendor(row.getString("vendor")).currency(row.getString("currency"))
                        .consortiumPriceMinor(row.getLong("consortium_price_minor")).listPrices(t.getItem1())
                        .termStart(row.getLocalDate("term_start")).termEnd(row.getLocalDate("term_end"))
                        .licence(new Licence().illPrint(row.getBoolean("ill_print")).illElectronic(row.getBoolean("ill_electronic"))
                                .notes(row.getString("licence_notes")))
                        .formula(FormulaJson.toApi(FormulaJson.decode(row.getString("formula"))))
                        .status(ProposalStatus.valueOf(row.getString("status")))
                        .createdBy(row.getString("created_by")).createdAt(row.getOffsetDateTime("created_at"))
                        .decidedBy(row.getString("decided_by")).decidedAt(row.getOffsetDateTime("decided_at"))
                        .decisionNote(row.getString("decision_note")).purchaseId(row.getLong("purchase_id"))
                        .titleCount(row.getInteger("title_count")).matchedTitles(row.getInteger("matched_titles"))
                        .holders(t.getItem3()).pledges(visible).pledgedTotalMinor(total);
            });
        });
    }

    /** Members holding the proposal's cluster, or any title of its list, with how many titles each holds. */
    private Uni<List<HolderCount>> holdersOf(Row proposal) {
        Long cluster = proposal.getLong("cluster_id");
        if (cluster != null) {
            return catalog.holders(cluster).map(codes -> codes.stream()
                    .map(c -> new HolderCount().memberCode(c).titlesHeld(1)).toList());
        }
        return pool.preparedQuery("select m.code, count(distinct t.position) from procurement_title t"
                + " join catalog_cluster c on c.id = " + CatalogHoldings.CURRENT_CLUSTER.formatted("t.cluster_id", "t.cluster_id")
                + " cross join unnest(c.member_ids) as mid join member_library m on m.id = mid"
                + " where t.proposal_id = $1 group by m.code order by m.code")
                .execute(Tuple.of(proposal.getLong("id")))
                .map(rows -> {
                    List<HolderCount> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new HolderCount().memberCode(r.getString(0)).titlesHeld(r.getInteger(1))));
                    return list;
                });
    }

    /** The normalised ISSNs and ISBNs of what the proposal buys (its cluster's, or its title list's). */
    public Uni<List<String>> identifiers(long proposalId) {
        return requireProposal(pool, proposalId).flatMap(this::identifiersOf);
    }

    /** The normalised ISSNs and ISBNs of what the proposal buys, for finding its recorded usage. */
    Uni<List<String>> identifiersOf(Row proposal) {
        Long cluster = proposal.getLong("cluster_id");
        if (cluster != null) {
            return reads.cluster(cluster).map(view -> view.identifiers().stream()
                    .filter(i -> i.startsWith("isbn:") || i.startsWith("issn:")).map(i -> i.substring(5)).toList());
        }
        return pool.preparedQuery("select print_identifier, online_identifier from procurement_title where proposal_id = $1")
                .execute(Tuple.of(proposal.getLong("id")))
                .map(rows -> {
                    Set<String> ids = new TreeSet<>();
                    for (Row r : rows) {
                        for (String raw : new String[] { r.getString(0), r.getString(1) }) {
                            TitleIdentifier t = TitleIdentifier.parse(raw);
                            if (t != null) {
                                ids.add(t.value());
                            }
                        }
                    }
                    return List.copyOf(ids);
                });
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Uni<Row> requireProposal(SqlClient client, long id) {
        return client.preparedQuery(PROPOSAL + " where p.id = $1").execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw ProblemException.notFound("there is no procurement proposal " + id);
            }
            return rows.iterator().next();
        });
    }

    /** The proposal, locked, when it is still open; a decided proposal changes no more. */
    private static Uni<Row> openProposal(SqlClient conn, long id) {
        return conn.preparedQuery("select * from procurement_proposal where id = $1 for update").execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("there is no procurement proposal " + id);
                    }
                    Row row = rows.iterator().next();
                    if (!"OPEN".equals(row.getString("status"))) {
                        throw ProblemException.conflict(null, "proposal " + id + " is " + row.getString("status")
                                + "; it can change only while it is open");
                    }
                    return row;
                });
    }

    /** Member ids by lower-cased code; an unknown code is a 400 naming its position in {@code field}. */
    private Uni<Map<String, Long>> memberIds(List<String> codes, String field) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("select id, lower(code) from member_library where lower(code) = any($1)")
                .execute(Tuple.of((Object) codes.stream().map(c -> c.trim().toLowerCase()).toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Long> ids = new TreeMap<>();
                    rows.forEach(r -> ids.put(r.getString(1), r.getLong(0)));
                    FieldChecks checks = new FieldChecks();
                    for (int i = 0; i < codes.size(); i++) {
                        checks.require(ids.containsKey(codes.get(i).trim().toLowerCase()), field + "[" + i + "].memberCode",
                                "no member library has the code '" + codes.get(i) + "'");
                    }
                    checks.throwIfAny();
                    return ids;
                });
    }

    private static Long clusterOf(KbartTitleList.Title t, Map<Long, Long> clusters) {
        for (String raw : new String[] { t.printIdentifier(), t.onlineIdentifier() }) {
            TitleIdentifier identifier = TitleIdentifier.parse(raw);
            if (identifier != null && clusters.containsKey(identifier.matchKey())) {
                return clusters.get(identifier.matchKey());
            }
        }
        return null;
    }

    static void checkCurrency(String code, FieldChecks checks) {
        try {
            Currency.getInstance(code);
        } catch (IllegalArgumentException | NullPointerException e) {
            checks.add("currency", "'" + code + "' is not an ISO 4217 currency code");
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
