package org.consortiumhub.hub.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.consortiumhub.api.model.CoPurchasingReport;
import org.consortiumhub.api.model.ContentUnit;
import org.consortiumhub.api.model.CostPerUseReport;
import org.consortiumhub.api.model.CoverageLine;
import org.consortiumhub.api.model.MemberShare;
import org.consortiumhub.api.model.PreservationAuditReport;
import org.consortiumhub.api.model.PreservedCopy;
import org.consortiumhub.api.model.ProgramCoverage;
import org.consortiumhub.api.model.PurchaseLine;
import org.consortiumhub.api.model.RetentionCoverageReport;
import org.consortiumhub.api.model.SavingsReport;
import org.consortiumhub.api.model.SpendReport;
import org.consortiumhub.api.server.ReportsApi;
import org.consortiumhub.hub.access.AccessPolicy;
import org.consortiumhub.hub.access.Caller;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The alliance managers' reports over the API, as JSON and as CSV. Each CSV is the JSON report flattened to one row
 * per line (per purchase and member share, per member, per title, per preserved copy).
 */
@Authenticated
public class ReportsResource implements ReportsApi {

    @Inject
    ProcurementReports procurement;

    @Inject
    PreservationReports preservation;

    @Inject
    SecurityIdentity identity;

    @Override
    public Uni<CoPurchasingReport> coPurchasingReport(LocalDate from, LocalDate to) {
        return Uni.createFrom().deferred(() -> allowed("co-purchasing").procurement.coPurchasing(Period.of(from, to)));
    }

    @Override
    public Uni<String> coPurchasingReportCsv(LocalDate from, LocalDate to) {
        return coPurchasingReport(from, to).map(report -> {
            List<List<?>> rows = new ArrayList<>();
            for (PurchaseLine p : report.getPurchases()) {
                for (MemberShare s : p.getShares()) {
                    rows.add(List.of(p.getPurchaseId(), p.getApprovedAt(), p.getTitle(), p.getVendor(), p.getCurrency(),
                            p.getPriceMinor(), s.getMemberCode(), s.getAmountMinor(), text(s.getPledgedMinor())));
                }
            }
            return CsvTable.of(new String[] { "purchase_id", "approved_at", "title", "vendor", "currency", "price_minor",
                    "member", "share_minor", "pledged_minor" }, rows);
        });
    }

    @Override
    public Uni<SpendReport> spendReport(LocalDate from, LocalDate to) {
        return Uni.createFrom().deferred(() -> allowed("spend").procurement.spend(Period.of(from, to)));
    }

    @Override
    public Uni<String> spendReportCsv(LocalDate from, LocalDate to) {
        return spendReport(from, to).map(report -> CsvTable.of(new String[] { "member", "currency", "purchases", "spent_minor",
                "list_price_minor", "saved_minor" }, report.getMembers().stream().<List<?>>map(m -> List.of(m.getMemberCode(),
                        m.getCurrency(), m.getPurchases(), m.getSpentMinor(), m.getListPriceMinor(), m.getSavedMinor())).toList()));
    }

    @Override
    public Uni<SavingsReport> savingsReport(LocalDate from, LocalDate to) {
        return Uni.createFrom().deferred(() -> allowed("savings").procurement.savings(Period.of(from, to)));
    }

    @Override
    public Uni<String> savingsReportCsv(LocalDate from, LocalDate to) {
        return savingsReport(from, to).map(report -> CsvTable.of(new String[] { "purchase_id", "title", "currency",
                "price_minor", "list_prices_minor", "saved_minor", "members_without_list_price" },
                report.getPurchases().stream().<List<?>>map(l -> List.of(l.getPurchaseId(), l.getTitle(), l.getCurrency(),
                        l.getPriceMinor(), l.getListPricesMinor(), l.getSavedMinor(),
                        String.join(" ", l.getMembersWithoutListPrice()))).toList()));
    }

    @Override
    public Uni<CostPerUseReport> costPerUseReport(LocalDate from, LocalDate to) {
        return Uni.createFrom().deferred(() -> allowed("cost-per-use").procurement.costPerUse(Period.of(from, to)));
    }

    @Override
    public Uni<String> costPerUseReportCsv(LocalDate from, LocalDate to) {
        return costPerUseReport(from, to).map(report -> CsvTable.of(new String[] { "purchase_id", "title", "currency", "member",
                "share_minor", "uses", "cost_per_use_minor" }, report.getLines().stream().<List<?>>map(l -> List.of(
                        l.getPurchaseId(), l.getTitle(), l.getCurrency(), l.getMemberCode(), l.getShareMinor(), l.getUses(),
                        text(l.getCostPerUseMinor()))).toList()));
    }

    @Override
    public Uni<RetentionCoverageReport> retentionCoverageReport(Integer withinMonths) {
        return Uni.createFrom().deferred(() -> allowed("retention coverage").preservation
                .coverage(withinMonths == null ? 12 : withinMonths));
    }

    @Override
    public Uni<String> retentionCoverageReportCsv(Integer withinMonths) {
        return retentionCoverageReport(withinMonths).map(report -> {
            List<List<?>> rows = new ArrayList<>();
            for (ProgramCoverage p : report.getPrograms()) {
                for (CoverageLine l : p.getLines()) {
                    rows.add(List.of(p.getProgramName(), l.getClusterId(), l.getTitle(), l.getHolders(), l.getRetained(),
                            l.getRequired(), l.getStatus()));
                }
            }
            return CsvTable.of(new String[] { "program", "cluster_id", "title", "holders", "retained", "required", "status" }, rows);
        });
    }

    @Override
    public Uni<PreservationAuditReport> preservationAuditReport() {
        return Uni.createFrom().deferred(() -> allowed("preservation audit").preservation.audit());
    }

    @Override
    public Uni<String> preservationAuditReportCsv() {
        return preservationAuditReport().map(report -> {
            List<List<?>> rows = new ArrayList<>();
            for (ContentUnit u : report.getDetails()) {
                String flags = String.join(" ", u.getFlags().stream().map(Object::toString).toList());
                for (PreservedCopy c : u.getCopies()) {
                    rows.add(List.of(u.getId(), u.getName(), c.getMemberCode(), c.getDigestAlgorithm(),
                            text(c.getLastCheckedAt()), text(c.getLastOutcome()), c.getNextDue(), c.getOverdue(), flags));
                }
                if (u.getCopies().isEmpty()) {
                    rows.add(List.of(u.getId(), u.getName(), "", "", "", "", "", "", flags));
                }
            }
            return CsvTable.of(new String[] { "unit_id", "name", "member", "digest_algorithm", "last_checked_at", "last_outcome",
                    "next_due", "overdue", "unit_flags" }, rows);
        });
    }

    private ReportsResource allowed(String report) {
        AccessPolicy.readAllianceReports(Caller.of(identity), report);
        return this;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
