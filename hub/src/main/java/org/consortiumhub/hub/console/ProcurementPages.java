package org.consortiumhub.hub.console;

import static org.consortiumhub.hub.console.FormText.blankToNull;
import static org.consortiumhub.hub.console.FormText.text;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.consortiumhub.api.model.BuyInsteadOfBorrowReport;
import org.consortiumhub.api.model.CostShareBasis;
import org.consortiumhub.api.model.CostShareComponent;
import org.consortiumhub.api.model.CostShareFormula;
import org.consortiumhub.api.model.DecisionKind;
import org.consortiumhub.api.model.Licence;
import org.consortiumhub.api.model.NewPledge;
import org.consortiumhub.api.model.NewProposal;
import org.consortiumhub.api.model.Proposal;
import org.consortiumhub.api.model.ProposalDecision;
import org.consortiumhub.api.model.ResourceKind;
import org.consortiumhub.catalog.store.CatalogReads;
import org.consortiumhub.hub.access.Caller;
import org.consortiumhub.hub.problem.FieldProblem;
import org.consortiumhub.hub.problem.ProblemException;
import org.consortiumhub.hub.procurement.ProcurementService;
import org.consortiumhub.hub.reports.BuyInsteadOfBorrow;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Joint procurement in the console: the proposals with who holds the resource and who pledged, a proposal made from a
 * title the members keep borrowing in one step, members' pledges, and the managers' decision. The rules are the
 * procurement service's: managers propose and decide, each library pledges for itself.
 */
@Path(ConsolePaths.ROOT + "/procurement")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class ProcurementPages {

    /** A new proposal as typed; amounts in major units as people write them ("12,500.00"). */
    public record ProposalForm(String clusterId, String title, String vendor, String currency, String price, String termStart,
            String termEnd, boolean illPrint, boolean illElectronic, String licenceNotes, String basis, String basePercent) {

        public List<String> bases() {
            return Arrays.stream(CostShareBasis.values()).map(Enum::name).toList();
        }

        NewProposal toProposal() {
            List<FieldProblem> problems = new ArrayList<>();
            Long minor = minorUnits(problems, "consortiumPriceMinor", price);
            LocalDate start = date(problems, "termStart", termStart);
            LocalDate end = date(problems, "termEnd", termEnd);
            BigDecimal base = BigDecimal.ZERO;
            try {
                base = basePercent.isBlank() ? BigDecimal.ZERO : new BigDecimal(basePercent.strip());
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem("formula.basePercent", "'" + basePercent + "' is not a percentage"));
            }
            if (!problems.isEmpty()) {
                throw ProblemException.invalid(problems);
            }
            CostShareFormula formula = new CostShareFormula().basePercent(base)
                    .components(List.of(new CostShareComponent().basis(CostShareBasis.fromValue(basis)).weight(BigDecimal.ONE)));
            return new NewProposal().title(title).resourceKind(ResourceKind.CLUSTER)
                    .clusterId(clusterId.isBlank() ? null : Long.valueOf(clusterId)).vendor(vendor).currency(currency)
                    .consortiumPriceMinor(minor).termStart(start).termEnd(end)
                    .licence(new Licence().illPrint(illPrint).illElectronic(illElectronic)
                            .notes(licenceNotes.isBlank() ? null : licenceNotes))
                    .formula(formula);
        }
    }

    /** A proposal's page: the proposal, and what the reader may do with it. */
    public record ProposalView(Proposal proposal, ConsoleUser user) {

        public boolean canPledge() {
            return user.isIllStaff() && proposal.getStatus().name().equals("OPEN");
        }

        public boolean canDecide() {
            return user.isManager() && proposal.getStatus().name().equals("OPEN");
        }

        public String money(Number minor) {
            return FormText.money(minor, proposal.getCurrency());
        }
    }

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance proposals(Page page, List<Proposal> proposals, BuyInsteadOfBorrowReport suggestions);

        static native TemplateInstance newProposal(Page page, ProposalForm form, FormErrors errors);

        static native TemplateInstance proposal(Page page, ProposalView view, FormErrors errors);
    }

    @Inject
    ProcurementService procurement;

    @Inject
    BuyInsteadOfBorrow buyInsteadOfBorrow;

    @Inject
    CatalogReads catalog;

    @Inject
    SecurityIdentity identity;

    @GET
    public Uni<TemplateInstance> proposals() {
        ConsoleUser user = ConsoleUser.of(identity);
        Uni<BuyInsteadOfBorrowReport> suggestions = user.isManager() || user.isAdmin()
                ? buyInsteadOfBorrow.suggestions(null, null, null) : Uni.createFrom().nullItem();
        return procurement.list(user.caller(), null).flatMap(list -> suggestions.map(s -> Templates.proposals(
                new Page("Joint procurement", "procurement", user), list, s)));
    }

    /** The proposal form; from a buy-instead-of-borrow suggestion it comes filled with the title. */
    @GET
    @Path("new")
    public Uni<TemplateInstance> newProposal(@RestQuery Long clusterId) {
        ConsoleUser user = ConsoleUser.of(identity);
        if (!user.isManager()) {
            throw ProblemException.forbidden(user.caller().describe() + " may not propose joint purchases; only an alliance manager may");
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Uni<String> title = clusterId == null ? Uni.createFrom().item("")
                : catalog.cluster(clusterId).map(c -> c.summary().title());
        return title.map(t -> Templates.newProposal(new Page("New proposal", "procurement", user),
                new ProposalForm(clusterId == null ? "" : clusterId.toString(), t, "", "USD", "", today.toString(),
                        today.plusYears(1).minusDays(1).toString(), true, false, "", "EQUAL", "0"), FormErrors.NONE));
    }

    @POST
    @Path("proposals")
    public Uni<Object> create(@RestForm String clusterId, @RestForm String title, @RestForm String vendor,
            @RestForm String currency, @RestForm String price, @RestForm String termStart, @RestForm String termEnd,
            @RestForm String illPrint, @RestForm String illElectronic, @RestForm String licenceNotes, @RestForm String basis,
            @RestForm String basePercent) {
        ConsoleUser user = ConsoleUser.of(identity);
        ProposalForm form = new ProposalForm(text(clusterId), text(title), text(vendor), text(currency).toUpperCase(),
                text(price), text(termStart), text(termEnd), "true".equals(illPrint), "true".equals(illElectronic),
                text(licenceNotes), text(basis).isEmpty() ? "EQUAL" : text(basis), text(basePercent));
        return Uni.createFrom().deferred(() -> procurement.create(user.caller(), form.toProposal()))
                .<Object>map(p -> Response.seeOther(URI.create("/console/procurement/proposals/" + p.getId())).build())
                .onFailure(e -> e instanceof ProblemException pe && pe.status() == 400).recoverWithItem(e -> Response.status(400)
                        .entity(Templates.newProposal(new Page("New proposal", "procurement", user), form,
                                FormErrors.of((ProblemException) e))).build());
    }

    @GET
    @Path("proposals/{id}")
    public Uni<TemplateInstance> proposal(@RestPath long id) {
        return page(id, FormErrors.NONE);
    }

    @POST
    @Path("proposals/{id}/pledge")
    public Uni<Object> pledge(@RestPath long id, @RestForm String amount, @RestForm String note) {
        ConsoleUser user = ConsoleUser.of(identity);
        return Uni.createFrom().deferred(() -> {
                    List<FieldProblem> problems = new ArrayList<>();
                    Long minor = minorUnits(problems, "amountMinor", text(amount));
                    if (!problems.isEmpty()) {
                        throw ProblemException.invalid(problems);
                    }
                    return procurement.pledge(user.caller(), id, user.memberCode(),
                            new NewPledge().amountMinor(minor).note(blankToNull(note)));
                })
                .<Object>map(p -> Response.seeOther(URI.create("/console/procurement/proposals/" + id)).build())
                .onFailure(e -> e instanceof ProblemException pe && (pe.status() == 400 || pe.status() == 409))
                .recoverWithUni(e -> page(id, FormErrors.of((ProblemException) e))
                        .map(t -> Response.status(((ProblemException) e).status()).entity(t).build()));
    }

    @POST
    @Path("proposals/{id}/withdraw")
    public Uni<Response> withdraw(@RestPath long id) {
        ConsoleUser user = ConsoleUser.of(identity);
        return procurement.withdraw(user.caller(), id, user.memberCode())
                .map(ignored -> Response.seeOther(URI.create("/console/procurement/proposals/" + id)).build());
    }

    @POST
    @Path("proposals/{id}/decision")
    public Uni<Object> decide(@RestPath long id, @RestForm String decision, @RestForm String note) {
        Caller caller = Caller.of(identity);
        return Uni.createFrom().deferred(() -> procurement.decide(caller, id, new ProposalDecision()
                        .decision("APPROVE".equals(decision) ? DecisionKind.APPROVE : DecisionKind.REJECT)
                        .note(blankToNull(note))))
                .<Object>map(p -> Response.seeOther(URI.create("/console/procurement/proposals/" + id)).build())
                .onFailure(e -> e instanceof ProblemException pe && (pe.status() == 400 || pe.status() == 409))
                .recoverWithUni(e -> page(id, FormErrors.of((ProblemException) e))
                        .map(t -> Response.status(((ProblemException) e).status()).entity(t).build()));
    }

    private Uni<TemplateInstance> page(long id, FormErrors errors) {
        ConsoleUser user = ConsoleUser.of(identity);
        return procurement.get(user.caller(), id).map(p -> Templates.proposal(new Page(p.getTitle(), "procurement", user),
                new ProposalView(p, user), errors));
    }

    /** "12,500.50" → 1250050; more than two decimals or anything else is refused with the field named. */
    static Long minorUnits(List<FieldProblem> problems, String field, String value) {
        try {
            BigDecimal amount = new BigDecimal(value.replace(",", "").strip());
            if (amount.signum() < 0 || amount.scale() > 2) {
                throw new NumberFormatException();
            }
            return amount.movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            problems.add(new FieldProblem(field, "'" + value + "' is not an amount such as 1,250.00"));
            return null;
        }
    }

    private static LocalDate date(List<FieldProblem> problems, String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "'" + value + "' is not a date such as 2026-01-31"));
            return null;
        }
    }

}
