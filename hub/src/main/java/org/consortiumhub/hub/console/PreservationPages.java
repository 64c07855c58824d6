package org.consortiumhub.hub.console;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.consortiumhub.api.model.ContentUnit;
import org.consortiumhub.api.model.RetentionAlert;
import org.consortiumhub.api.model.RetentionProgram;
import org.consortiumhub.hub.preservation.PreservationService;
import org.consortiumhub.hub.preservation.RetentionService;
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
                int months, List<ContentUnit> units);
    }

    @Inject
    RetentionService retention;

    @Inject
    PreservationService preservation;

    @Inject
    SecurityIdentity identity;

    @GET
    public Uni<TemplateInstance> overview(@RestQuery Integer months) {
        ConsoleUser user = ConsoleUser.of(identity);
        int within = months == null || months < 0 || months > 600 ? DEFAULT_ALERT_MONTHS : months;
        return retention.programs(user.caller()).flatMap(programs -> retention.alerts(user.caller(), within)
                .flatMap(alerts -> preservation.list(user.caller(), null).map(units -> Templates.preservation(
                        new Page("Preservation", "preservation", user), programs, alerts, within, units))));
    }
}
