package org.consortiumhub.hub.console;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.consortiumhub.api.model.BuyInsteadOfBorrowReport;
import org.consortiumhub.api.model.CoPurchasingReport;
import org.consortiumhub.api.model.CostPerUseReport;
import org.consortiumhub.api.model.PreservationAuditReport;
import org.consortiumhub.api.model.RetentionCoverageReport;
import org.consortiumhub.api.model.SavingsReport;
import org.consortiumhub.api.model.SpendReport;
import org.consortiumhub.hub.reports.BuyInsteadOfBorrow;
import org.consortiumhub.hub.reports.ReportsResource;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The alliance's reports in the console: co-purchasing, spend per member, savings from buying together, cost per
 * use, shared print coverage, the preservation audit and what ILL demand suggests buying. The figures and the CSV
 * files are the report API's own; this page shows them for a period.
 */
@Path(ConsolePaths.ROOT + "/alliance/reports")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ "ALLIANCE_MANAGER", "ADMIN" })
public class ReportPages {

    /** Everything the page shows, for one period. */
    public record Reports(LocalDate from, LocalDate to, CoPurchasingReport coPurchasing, SpendReport spend,
            SavingsReport savings, CostPerUseReport costPerUse, RetentionCoverageReport coverage,
            PreservationAuditReport audit, BuyInsteadOfBorrowReport buy) {

        /** An amount in minor units as people read it, e.g. {@code 1,234.50 USD}. */
        public String money(Number minor, String currency) {
            return FormText.money(minor, currency);
        }

        public String query() {
            return "from=" + from + "&to=" + to;
        }
    }

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance reports(Page page, Reports reports, String spendChart, String problem);
    }

    @Inject
    ReportsResource api;

    @Inject
    BuyInsteadOfBorrow buyInsteadOfBorrow;

    @Inject
    org.consortiumhub.hub.reports.BuyInsteadOfBorrowResource suggestionsApi;

    @Inject
    SecurityIdentity identity;

    @GET
    public Uni<TemplateInstance> reports(@RestQuery String from, @RestQuery String to) {
        Page page = new Page("Alliance reports", "reports", ConsoleUser.of(identity));
        LocalDate end;
        LocalDate start;
        try {
            end = to == null || to.isBlank() ? LocalDate.now(java.time.ZoneOffset.UTC) : LocalDate.parse(to.strip());
            start = from == null || from.isBlank() ? end.minusYears(1).plusDays(1) : LocalDate.parse(from.strip());
        } catch (DateTimeParseException e) {
            return Uni.createFrom().item(Templates.reports(page, null, null, "Dates are written as YYYY-MM-DD, e.g. 2026-01-31."));
        }
        if (start.isAfter(end)) {
            return Uni.createFrom().item(Templates.reports(page, null, null, "The period starts (" + start
                    + ") after it ends (" + end + ")."));
        }
        return api.coPurchasingReport(start, end).flatMap(co -> api.spendReport(start, end)
                .flatMap(spend -> api.savingsReport(start, end)
                        .flatMap(savings -> api.costPerUseReport(start, end)
                                .flatMap(cpu -> api.retentionCoverageReport(12)
                                        .flatMap(coverage -> api.preservationAuditReport()
                                                .flatMap(audit -> buyInsteadOfBorrow.suggestions(start, end, null)
                                                        .map(buy -> Templates.reports(page, new Reports(start, end, co,
                                                                spend, savings, cpu, coverage, audit, buy),
                                                                spendChart(spend), null))))))));
    }

    @GET
    @Path("{report:co-purchasing|spend|savings|cost-per-use|retention-coverage|preservation-audit|buy-instead-of-borrow}.csv")
    @Produces("text/csv")
    public Uni<Response> csv(@RestPath String report, @RestQuery LocalDate from, @RestQuery LocalDate to) {
        Uni<String> csv = switch (report) {
            case "co-purchasing" -> api.coPurchasingReportCsv(from, to);
            case "spend" -> api.spendReportCsv(from, to);
            case "savings" -> api.savingsReportCsv(from, to);
            case "cost-per-use" -> api.costPerUseReportCsv(from, to);
            case "retention-coverage" -> api.retentionCoverageReportCsv(12);
            case "buy-instead-of-borrow" -> suggestionsApi.buyInsteadOfBorrowReportCsv(from, to, null);
            default -> api.preservationAuditReportCsv();
        };
        return csv.map(text -> Response.ok(text).type("text/csv; charset=UTF-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + report + ".csv\"").build());
    }

    private static String spendChart(SpendReport spend) {
        var lines = spend.getMembers();
        return Chart.of(lines.stream().map(m -> m.getMemberCode() + " (" + m.getCurrency() + ")").toList(), false,
                Chart.Series.bars("Spent", lines.stream().map(m -> minorToUnits(m.getSpentMinor())).toList(), "#1f5fa8"),
                Chart.Series.bars("Would have paid alone", lines.stream().map(m -> minorToUnits(m.getListPriceMinor())).toList(),
                        "#9db7d5"));
    }

    private static Double minorToUnits(Number minor) {
        return minor == null ? null : minor.longValue() / 100.0;
    }

}
