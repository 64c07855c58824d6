package org.consortiumhub.hub.firststart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.consortiumhub.catalog.ingest.BatchReport;
import org.consortiumhub.catalog.ingest.CatalogIngest;
import org.consortiumhub.catalog.marc.Iso2709;
import org.consortiumhub.catalog.marc.MarcRecord;
import org.consortiumhub.hub.access.ApiKeyService;
import org.consortiumhub.hub.access.Passwords;
import org.consortiumhub.hub.access.StaffRole;
import org.consortiumhub.hub.access.StaffUser;
import org.consortiumhub.hub.membership.MemberLibrary;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * What a hub does once, on its first start: create the first admin and, when asked, the demo consortium.
 * Each step is recorded in {@code hub_first_start}, claimed in the same transaction that does it, so a restart
 * (or a second replica starting at the same moment) repeats nothing.
 */
@ApplicationScoped
public class FirstStart {

    private static final Logger LOG = Logger.getLogger(FirstStart.class);
    private static final String ADMIN_STEP = "bootstrap-admin";
    private static final String DEMO_STEP = "demo-consortium";

    @Inject
    CatalogIngest catalogIngest;

    @Inject
    org.consortiumhub.ill.request.IllRequests illRequests;

    @Inject
    Pool pool;

    @ConfigProperty(name = "hub.bootstrap-admin-username")
    String adminUsername;

    @ConfigProperty(name = "hub.bootstrap-admin-password")
    Optional<String> adminPassword;

    @ConfigProperty(name = "hub.demo")
    boolean demo;

    @ConfigProperty(name = "hub.data-dir")
    String dataDir;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int httpPort;

    void onStart(@Observes StartupEvent event) throws Throwable {
        Path credentialsFile = Path.of(dataDir).toAbsolutePath().normalize().resolve("demo-credentials.txt");
        String password = adminPassword.filter(p -> !p.isBlank()).orElse(null);
        boolean generated = password == null;
        if (generated) {
            password = Passwords.generate(20);
        } else {
            Passwords.problemWith(password).ifPresent(p -> {
                throw new IllegalStateException("HUB_BOOTSTRAP_ADMIN_PASSWORD " + p);
            });
        }
        String adminHash = Passwords.hash(password);
        boolean adminCreated = VertxContextSupport.subscribeAndAwait(() -> createAdmin(adminHash));
        if (adminCreated) {
            announceAdmin(password, generated);
        }

        List<Credential> demoCredentials = new ArrayList<>();
        if (demo) {
            Map<String, String> passwords = new LinkedHashMap<>();
            Map<String, String> hashes = new LinkedHashMap<>();
            passwords.put(DemoConsortium.MANAGER_USERNAME, Passwords.generate(16));
            DemoConsortium.MEMBERS.forEach(m -> passwords.put(m.staffUsername(), Passwords.generate(16)));
            passwords.forEach((user, pw) -> hashes.put(user, Passwords.hash(pw)));
            demoCredentials = VertxContextSupport.subscribeAndAwait(() -> createDemo(hashes, passwords));
            if (!demoCredentials.isEmpty()) {
                writeDemoCredentials(credentialsFile, demoCredentials, adminCreated ? password : null);
                loadDemoCatalog();
            }
        }
        printHowToLogIn(credentialsFile, adminCreated, !demoCredentials.isEmpty());
    }

    /** Sends each demo library's generated catalog through the same ingest as adapters use. */
    private void loadDemoCatalog() throws Throwable {
        List<String> codes = DemoConsortium.MEMBERS.stream().map(DemoConsortium.DemoMember::code).toList();
        Map<String, List<MarcRecord>> catalogs = DemoCatalog.generate(codes, 18626L);
        int records = 0;
        for (var entry : catalogs.entrySet()) {
            MemberLibrary member = VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withSession(() -> MemberLibrary.<MemberLibrary>find("code", entry.getKey()).firstResult()));
            ByteArrayOutputStream iso = new ByteArrayOutputStream();
            entry.getValue().forEach(r -> iso.writeBytes(Iso2709.write(r)));
            BatchReport report = VertxContextSupport.subscribeAndAwait(
                    () -> catalogIngest.ingest(new CatalogIngest.Member(member.id, member.code), iso.toByteArray()));
            records += report.count(BatchReport.Outcome.CREATED);
        }
        long clusters = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery("select count(*) from catalog_cluster", Long.class).getSingleResult())));
        LOG.infof("Demo catalog loaded: %d records of the five demo libraries in %d clusters", records, clusters);
        VertxContextSupport.subscribeAndAwait(() -> DemoAllianceWork.load(pool));
        DemoInterLibraryLoans.load(illRequests, pool);
    }

    private Uni<Boolean> createAdmin(String passwordHash) {
        return Panache.withTransaction(() -> claim(ADMIN_STEP).flatMap(claimed -> {
            if (!claimed) {
                return Uni.createFrom().item(false);
            }
            StaffUser admin = new StaffUser();
            admin.username = adminUsername;
            admin.displayName = "Hub administrator";
            admin.email = adminUsername + "@localhost";
            admin.role = StaffRole.ADMIN;
            admin.passwordHash = passwordHash;
            admin.createdAt = now();
            admin.updatedAt = admin.createdAt;
            return admin.persist().replaceWith(true);
        }));
    }

    record Credential(String what, String member, String login, String secret) {
    }

    private Uni<List<Credential>> createDemo(Map<String, String> hashes, Map<String, String> passwords) {
        return Panache.withTransaction(() -> claim(DEMO_STEP).flatMap(claimed -> {
            if (!claimed) {
                return Uni.createFrom().item(List.<Credential>of());
            }
            return MemberLibrary.count().flatMap(existing -> {
                if (existing > 0) {
                    LOG.info("The hub already has member libraries; the demo consortium is not loaded");
                    return Uni.createFrom().item(List.<Credential>of());
                }
                List<Credential> credentials = new ArrayList<>();
                credentials.add(new Credential("ALLIANCE_MANAGER", "", DemoConsortium.MANAGER_USERNAME,
                        passwords.get(DemoConsortium.MANAGER_USERNAME)));
                Uni<Void> chain = account(DemoConsortium.MANAGER_USERNAME, DemoConsortium.MANAGER_NAME,
                        "manager@alliance.example.org", StaffRole.ALLIANCE_MANAGER, null, hashes);
                for (DemoConsortium.DemoMember d : DemoConsortium.MEMBERS) {
                    chain = chain.flatMap(ignored -> demoMember(d, hashes, passwords, credentials));
                }
                return chain.replaceWith(credentials);
            });
        }));
    }

    private Uni<Void> demoMember(DemoConsortium.DemoMember d, Map<String, String> hashes, Map<String, String> passwords,
            List<Credential> credentials) {
        MemberLibrary m = new MemberLibrary();
        m.code = d.code();
        m.name = d.name();
        m.region = d.region();
        m.fte = DemoConsortium.amount(d.fte());
        m.materialsBudget = DemoConsortium.amount(d.materialsBudget());
        m.contactEmail = d.email();
        m.shippingAddress = d.address();
        m.createdAt = now();
        m.updatedAt = m.createdAt;
        return m.<MemberLibrary>persistAndFlush()
                .call(member -> lendingPolicy(member, d.lending()))
                .flatMap(member -> account(d.staffUsername(), d.staffName(), d.email(), StaffRole.ILL_STAFF, member, hashes)
                        .flatMap(ignored -> ApiKeyService.issue(member, "demo adapter", "first start")))
                .invoke(key -> {
                    credentials.add(new Credential("ILL_STAFF", d.code(), d.staffUsername(), passwords.get(d.staffUsername())));
                    credentials.add(new Credential("API_KEY", d.code(), key.key().id, key.token()));
                })
                .replaceWithVoid();
    }

    /** The demo library's lending policy, so ILL works in the demo from the start. */
    private static Uni<Void> lendingPolicy(MemberLibrary member, DemoConsortium.DemoLending l) {
        int year = now().getYear();
        return Panache.getSession().flatMap(session -> session.createNativeQuery("insert into ill_lending_policy (member_id,"
                + " lends_loans, lends_copies, material_types, loan_period_days, max_active_loans, loan_cost, copy_cost,"
                + " last_resort, answer_days, rush_answer_hours, updated_at, updated_by)"
                + " values (?1, ?2, ?3, ?4, ?5, cast(?6 as integer), ?7, ?8, ?9, 2, 4, now(), 'first start')")
                .setParameter(1, member.id).setParameter(2, l.loans()).setParameter(3, l.copies())
                .setParameter(4, l.formats()).setParameter(5, l.loanDays())
                .setParameter(6, l.maxActiveLoans()).setParameter(7, BigDecimal.valueOf(l.loanCost()))
                .setParameter(8, BigDecimal.valueOf(l.copyCost())).setParameter(9, l.lastResort())
                .executeUpdate()
                .flatMap(ignored -> !l.winterClosure() ? Uni.createFrom().voidItem()
                        : session.createNativeQuery("insert into ill_closure (member_id, first_day, last_day, reason)"
                                + " values (?1, ?2, ?3, 'Winter holidays')")
                                .setParameter(1, member.id).setParameter(2, LocalDate.of(year, 12, 24))
                                .setParameter(3, LocalDate.of(year + 1, 1, 1))
                                .executeUpdate().replaceWithVoid()));
    }

    private static Uni<Void> account(String username, String name, String email, StaffRole role, MemberLibrary member,
            Map<String, String> hashes) {
        StaffUser u = new StaffUser();
        u.username = username;
        u.displayName = name;
        u.email = email;
        u.role = role;
        u.member = member;
        u.passwordHash = hashes.get(username);
        u.createdAt = now();
        u.updatedAt = u.createdAt;
        return u.persist().replaceWithVoid();
    }

    /** Claims a first-start step; false when it was done before (or another replica is doing it). */
    private static Uni<Boolean> claim(String step) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("insert into hub_first_start (step, done_at) values (?1, now()) on conflict do nothing")
                .setParameter(1, step)
                .executeUpdate()
                .map(rows -> rows == 1));
    }

    private void announceAdmin(String password, boolean generated) {
        String source = generated
                ? "generated (set HUB_BOOTSTRAP_ADMIN_PASSWORD to choose it); it is shown only now"
                : "taken from HUB_BOOTSTRAP_ADMIN_PASSWORD";
        System.out.println("""

                ==================================================================
                 consortium-hub: first admin account created
                   username: %s
                   password: %s
                 The password was %s.
                ==================================================================
                """.formatted(adminUsername, generated ? password : "(as set in HUB_BOOTSTRAP_ADMIN_PASSWORD)", source));
    }

    private void writeDemoCredentials(Path file, List<Credential> credentials, String adminPasswordIfNew) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("consortium-hub demo consortium: credentials created ").append(now()).append('\n')
                .append("Keep this file private. The hub keeps only hashes; these secrets are shown nowhere else.\n\n")
                .append("Hub: http://localhost:").append(httpPort).append("/   API documentation: http://localhost:")
                .append(httpPort).append("/q/swagger-ui\n\n")
                .append(String.format("%-17s %-7s %-18s %s%n", "ROLE", "MEMBER", "LOGIN / KEY ID", "PASSWORD / API KEY"));
        text.append(String.format("%-17s %-7s %-18s %s%n", "ADMIN", "", adminUsername,
                adminPasswordIfNew != null ? adminPasswordIfNew : "(HUB_BOOTSTRAP_ADMIN_PASSWORD or as printed at first start)"));
        for (Credential c : credentials) {
            text.append(String.format("%-17s %-7s %-18s %s%n", c.what(), c.member(), c.login(), c.secret()));
        }
        text.append("\nStaff log in to the web console at http://localhost:").append(httpPort).append("/console\n")
                .append("or call the API with HTTP basic (e.g. curl -u ill.rvc:PASSWORD http://localhost:").append(httpPort)
                .append("/api/v1/me);\nadapters send 'Authorization: Bearer API_KEY'.\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text.toString());
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            LOG.debug("File system without POSIX permissions; credentials file left with default permissions");
        }
        System.out.println("\n" + text);
    }

    private void printHowToLogIn(Path credentialsFile, boolean adminCreated, boolean demoCreated) {
        StringBuilder s = new StringBuilder("\nconsortium-hub is ready at http://localhost:" + httpPort + "/ (API docs at /q/swagger-ui)\n");
        if (Files.exists(credentialsFile)) {
            s.append("Demo consortium logins and API keys: ").append(credentialsFile).append('\n');
        }
        if (!adminCreated && !demoCreated) {
            s.append("Log in as '").append(adminUsername).append("' with the password from the first start.\n");
        }
        LOG.info(s.toString());
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

}
