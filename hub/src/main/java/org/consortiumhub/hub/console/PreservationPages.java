package org.consortiumhub.hub.console;

import static org.consortiumhub.hub.console.FormText.blankToNull;
import static org.consortiumhub.hub.console.FormText.text;

import java.util.List;

import jakarta.inject.Inject;
import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.consortiumhub.api.model.ContentUnit;
import org.consortiumhub.api.model.FixityOutcome;
import org.consortiumhub.api.model.FixityReport;
import org.consortiumhub.api.model.NewRetentionProgram;
import org.consortiumhub.api.model.RetentionAlert;
import org.consortiumhub.api.model.RetentionProgram;
import org.consortiumhub.hub.preservation.PreservationService;
import org.consortiumhub.hub.preservation.RetentionService;
import org.consortiumhub.hub.problem.ProblemException;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The alliance's preservation duties in the console: shared print programs, the alerts a librarian must act on
 * (a committed copy withdrawn through sync, a commitment about to end) and the digital content units with their
 * fixity flags. ILL staff see their own library's alerts; managers and admins see every member's.
 */
@Path(ConsolePaths.ROOT + "/preservation")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class PreservationPages {

    public static final int DEFAULT_ALERT_MONTHS = 6;

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance preservation(Page page, List<RetentionProgram> programs, List<RetentionAlert> alerts,
                int months, List<ContentUnit> units, FormErrors errors);
    }

    @Inject
    RetentionService retention;

    @Inject
    PreservationService preservation;

    @Inject
    SecurityIdentity identity;

    @GET
    public Uni<TemplateInstance> overview(@RestQuery Integer months, @RestQuery String saved) {
        int within = months == null || months < 0 || months > 600 ? DEFAULT_ALERT_MONTHS : months;
        return page(within, FormErrors.NONE, saved == null ? null
                : saved.equals("program") ? "Program started." : "Fixity check recorded.");
    }

    /** An alliance manager starts a shared print program. */
    @POST
    @Path("programs")
    public Uni<Object> startProgram(@RestForm String name, @RestForm String targetCopies, @RestForm String defaultTermYears,
            @RestForm String description) {
        ConsoleUser user = ConsoleUser.of(identity);
        return Uni.createFrom().deferred(() -> retention.createProgram(user.caller(), new NewRetentionProgram()
                        .name(text(name)).description(blankToNull(description))
                        .targetCopies(whole("targetCopies", targetCopies))
                        .defaultTermYears(text(defaultTermYears).isEmpty() ? null : whole("defaultTermYears", defaultTermYears))))
                .<Object>map(p -> Response.seeOther(URI.create("/console/preservation?saved=program")).build())
                .onFailure(e -> e instanceof ProblemException pe && (pe.status() == 400 || pe.status() == 409))
                .recoverWithUni(e -> page(DEFAULT_ALERT_MONTHS, FormErrors.of((ProblemException) e), null)
                        .map(t -> Response.status(((ProblemException) e).status()).entity(t).build()));
    }

    /** A member's staff report the outcome of a fixity check of their library's copy. */
    @POST
    @Path("units/{unitId}/fixity")
    public Uni<Object> reportFixity(@RestPath long unitId, @RestForm String outcome, @RestForm String digestValue,
            @RestForm String note) {
        ConsoleUser user = ConsoleUser.of(identity);
        return Uni.createFrom().deferred(() -> preservation.report(user.caller(), unitId, user.memberCode(), new FixityReport()
                        .outcome(outcomeOf(outcome)).digestValue(blankToNull(digestValue))
                        .note(blankToNull(note))))
                .<Object>map(c -> Response.seeOther(URI.create("/console/preservation?saved=fixity")).build())
                .onFailure(e -> e instanceof ProblemException pe && (pe.status() == 400 || pe.status() == 404 || pe.status() == 409))
                .recoverWithUni(e -> page(DEFAULT_ALERT_MONTHS, FormErrors.of((ProblemException) e), null)
                        .map(t -> Response.status(((ProblemException) e).status()).entity(t).build()));
    }

    private Uni<TemplateInstance> page(int within, FormErrors errors, String notice) {
        ConsoleUser user = ConsoleUser.of(identity);
        return retention.programs(user.caller()).flatMap(programs -> retention.alerts(user.caller(), within)
                .flatMap(alerts -> preservation.list(user.caller(), null).map(units -> Templates.preservation(
                        new Page("Preservation", "preservation", user).withNotice(notice), programs, alerts, within, units,
                        errors))));
    }

    private static FixityOutcome outcomeOf(String value) {
        try {
            return FixityOutcome.fromValue(text(value));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("outcome", "choose one of OK, MISMATCH, MISSING, ERROR");
        }
    }

    private static int whole(String field, String value) {
        try {
            return Integer.parseInt(text(value));
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "'" + value + "' is not a whole number");
        }
    }

}
