package org.consortiumhub.hub.console;

import static org.consortiumhub.hub.console.FormText.text;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.consortiumhub.hub.access.AccessPolicy;
import org.consortiumhub.hub.access.Caller;
import org.consortiumhub.ill.IllException;
import org.consortiumhub.ill.rota.Closure;
import org.consortiumhub.ill.rota.LendingPolicies;
import org.consortiumhub.ill.rota.LendingPolicy;
import org.consortiumhub.ill.rota.StoredPolicy;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * A member's lending policy in the console: what it lends, on which terms, how fast it answers, when it is closed.
 * Its own ILL staff and alliance managers read it; admins change it. The rota reads it for every request.
 */
@Path(ConsolePaths.ROOT + "/members/{code}/lending-policy")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class LendingPolicyPage {

    /** The policy as the form shows it: numbers and lists as text, closures one per line. */
    public record PolicyForm(boolean lendsLoans, boolean lendsCopies, String materialTypes, String loanPeriodDays,
            String maxActiveLoans, String loanCost, String copyCost, boolean lastResort, String answerDays,
            String rushAnswerHours, String closures, String availabilityUrl, String iso18626Address,
            boolean hasAvailabilitySecret) {

        static PolicyForm defaults() {
            return new PolicyForm(true, true, "", "28", "", "0", "0", false, "2", "4", "", "", "", false);
        }

        static PolicyForm of(StoredPolicy stored) {
            LendingPolicy p = stored.policy();
            return new PolicyForm(p.lendsLoans(), p.lendsCopies(), p.materialTypes().stream().sorted().collect(Collectors.joining(", ")),
                    String.valueOf(p.loanPeriodDays()), p.maxActiveLoans() == null ? "" : p.maxActiveLoans().toString(),
                    p.loanCost().toPlainString(), p.copyCost().toPlainString(), p.lastResort(), String.valueOf(p.answerDays()),
                    String.valueOf(p.rushAnswerHours()), p.closures().stream()
                            .map(c -> c.firstDay() + " " + c.lastDay() + (c.reason() == null ? "" : " " + c.reason()))
                            .collect(Collectors.joining("\n")),
                    text(p.availabilityUrl()), text(p.iso18626Address()), stored.hasAvailabilitySecret());
        }

        LendingPolicy policy() {
            List<IllException.FieldError> errors = new ArrayList<>();
            Set<String> types = new LinkedHashSet<>();
            for (String t : materialTypes.split("[,\\s]+")) {
                if (!t.isBlank()) {
                    types.add(t.strip().toUpperCase(Locale.ROOT));
                }
            }
            List<Closure> closureList = new ArrayList<>();
            int line = 0;
            for (String c : closures.split("\\R")) {
                line++;
                if (c.isBlank()) {
                    continue;
                }
                String[] parts = c.strip().split("\\s+", 3);
                try {
                    closureList.add(new Closure(LocalDate.parse(parts[0]), LocalDate.parse(parts.length > 1 ? parts[1] : parts[0]),
                            parts.length > 2 ? parts[2] : null));
                } catch (DateTimeParseException e) {
                    errors.add(new IllException.FieldError("closures", "line " + line + ": '" + c.strip()
                            + "' is not 'first-day last-day reason' with days as YYYY-MM-DD"));
                }
            }
            LendingPolicy policy = new LendingPolicy(lendsLoans, lendsCopies, types, whole(errors, "loanPeriodDays", loanPeriodDays, 0),
                    maxActiveLoans.isBlank() ? null : whole(errors, "maxActiveLoans", maxActiveLoans, 0),
                    money(errors, "loanCost", loanCost), money(errors, "copyCost", copyCost), lastResort,
                    whole(errors, "answerDays", answerDays, 0), whole(errors, "rushAnswerHours", rushAnswerHours, 0), closureList,
                    availabilityUrl.isBlank() ? null : availabilityUrl.strip(),
                    iso18626Address.isBlank() ? null : iso18626Address.strip());
            if (!errors.isEmpty()) {
                throw IllException.invalid(errors);
            }
            return policy;
        }

        private static int whole(List<IllException.FieldError> errors, String field, String value, int otherwise) {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                errors.add(new IllException.FieldError(field, "'" + value + "' is not a whole number"));
                return otherwise;
            }
        }

        private static BigDecimal money(List<IllException.FieldError> errors, String field, String value) {
            if (value.isBlank()) {
                return BigDecimal.ZERO;
            }
            try {
                return new BigDecimal(value.strip());
            } catch (NumberFormatException e) {
                errors.add(new IllException.FieldError(field, "'" + value + "' is not an amount"));
                return BigDecimal.ZERO;
            }
        }
    }

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance lendingPolicy(Page page, String memberCode, PolicyForm form, FormErrors errors,
                boolean editable, boolean exists, String formatHint);
    }

    @Inject
    LendingPolicies policies;

    @Inject
    SecurityIdentity identity;

    @GET
    public Uni<TemplateInstance> show(@RestPath String code, @RestQuery String saved) {
        Caller caller = Caller.of(identity);
        AccessPolicy.readLendingPolicy(caller, code);
        return policies.get(code).map(stored -> page(code, PolicyForm.of(stored), FormErrors.NONE, true, saved != null))
                .onFailure(e -> e instanceof IllException ie && ie.status() == 404)
                .recoverWithItem(() -> page(code, PolicyForm.defaults(), FormErrors.NONE, false, false));
    }

    @POST
    public Uni<Object> save(@RestPath String code, @RestForm String lendsLoans, @RestForm String lendsCopies,
            @RestForm String materialTypes, @RestForm String loanPeriodDays, @RestForm String maxActiveLoans,
            @RestForm String loanCost, @RestForm String copyCost, @RestForm String lastResort, @RestForm String answerDays,
            @RestForm String rushAnswerHours, @RestForm String closures, @RestForm String availabilityUrl,
            @RestForm String availabilitySecret, @RestForm String iso18626Address) {
        Caller caller = Caller.of(identity);
        AccessPolicy.setLendingPolicy(caller);
        PolicyForm form = new PolicyForm("true".equals(lendsLoans), "true".equals(lendsCopies), text(materialTypes),
                text(loanPeriodDays), text(maxActiveLoans), text(loanCost), text(copyCost), "true".equals(lastResort),
                text(answerDays), text(rushAnswerHours), text(closures), text(availabilityUrl), text(iso18626Address), false);
        return Uni.createFrom().deferred(() -> policies.put(code, form.policy(),
                        availabilitySecret == null || availabilitySecret.isBlank() ? null : availabilitySecret.strip(), caller.name()))
                .<Object>map(stored -> Response.seeOther(URI.create("/console/members/" + code + "/lending-policy?saved=1")).build())
                .onFailure(e -> e instanceof IllException ie && ie.status() == 400).recoverWithItem(e -> Response.status(400)
                        .entity(page(code, form, FormErrors.of((IllException) e), true, false)).build());
    }

    private TemplateInstance page(String code, PolicyForm form, FormErrors errors, boolean exists, boolean saved) {
        ConsoleUser user = ConsoleUser.of(identity);
        Page page = new Page("Lending policy of " + code, user.isAdmin() ? "members" : "lending", user)
                .withNotice(saved ? "Lending policy saved." : null);
        return Templates.lendingPolicy(page, code, form, errors, user.isAdmin(), exists,
                "Catalog formats: " + Arrays.stream(org.consortiumhub.catalog.match.Format.values()).map(Enum::name)
                        .collect(Collectors.joining(", ")));
    }

}
