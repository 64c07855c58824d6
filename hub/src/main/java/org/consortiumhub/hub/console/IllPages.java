package org.consortiumhub.hub.console;

import static org.consortiumhub.hub.console.FormText.text;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
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
import org.consortiumhub.ill.delivery.DocumentDelivery;
import org.consortiumhub.ill.request.IllRequests;
import org.consortiumhub.ill.request.NewRequest;
import org.consortiumhub.ill.request.RequestPage;
import org.consortiumhub.ill.request.RequestQuery;
import org.consortiumhub.ill.request.RequestView;
import org.consortiumhub.ill.state.IllAction;
import org.consortiumhub.ill.state.RequestState;
import org.consortiumhub.ill.state.ServiceType;
import org.consortiumhub.ill.state.UnfilledReason;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Inter-library loan in the console: a member's borrowing and lending queues, a request with its timeline, rota and
 * the buttons for what its staff may do now, and the form that asks for a loan or a copy. The rules are the API's:
 * the same service and the same {@link AccessPolicy}.
 */
@Path(ConsolePaths.ROOT + "/ill")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class IllPages {

    public static final int PAGE_SIZE = 25;

    /** A queue's filters as the form holds them, and the links that keep them. */
    public record QueueFilter(String side, String state, String type, String q, String sort, boolean all, int page) {

        public String link(int toPage) {
            StringBuilder url = new StringBuilder("/console/ill/").append(side).append("?page=").append(toPage);
            append(url, "state", state);
            append(url, "type", type);
            append(url, "q", q);
            append(url, "sort", sort);
            if (all) {
                url.append("&all=true");
            }
            return url.toString();
        }

        public List<String> states() {
            return Arrays.stream(RequestState.values()).map(Enum::name).toList();
        }

        public List<String> sorts() {
            return List.of("newest", "oldest", "needBefore", "due", "updated");
        }

        private static void append(StringBuilder url, String name, String value) {
            if (value != null && !value.isEmpty()) {
                url.append('&').append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    /** A request form as typed, kept so a refused form comes back filled in. */
    public record RequestForm(String serviceType, String clusterId, String title, String author, String articleTitle,
            String articleAuthor, String volume, String issue, String pages, String year, String issn, String patronId,
            String patronName, String needBefore, String serviceLevel, String maxCost, String notes, String copyright,
            boolean copyrightPermission) {

        static RequestForm forCluster(long clusterId, String title, String author) {
            return new RequestForm("LOAN", String.valueOf(clusterId), title, author == null ? "" : author, "", "", "", "", "",
                    "", "", "", "", "", "NORMAL", "", "", "CCG", false);
        }

        static RequestForm citation() {
            return new RequestForm("COPY", "", "", "", "", "", "", "", "", "", "", "", "", "", "NORMAL", "", "", "CCG", false);
        }

        NewRequest toRequest() {
            List<IllException.FieldError> errors = new java.util.ArrayList<>();
            Long cluster = clusterId.isEmpty() ? null : parse(errors, "clusterId", clusterId, Long::valueOf);
            Integer y = year.isEmpty() ? null : parse(errors, "year", year, Integer::valueOf);
            LocalDate need = needBefore.isEmpty() ? null : parse(errors, "needBefore", needBefore, LocalDate::parse);
            BigDecimal cost = maxCost.isEmpty() ? null : parse(errors, "maxCost", maxCost, BigDecimal::new);
            ServiceType type = parse(errors, "serviceType", serviceType, ServiceType::valueOf);
            NewRequest.ServiceLevel level = parse(errors, "serviceLevel", serviceLevel, NewRequest.ServiceLevel::valueOf);
            NewRequest.Copyright copy = type == ServiceType.COPY && !copyright.isEmpty()
                    ? parse(errors, "copyright", copyright, NewRequest.Copyright::valueOf) : null;
            if (!errors.isEmpty()) {
                throw IllException.invalid(errors);
            }
            boolean isCopy = type == ServiceType.COPY;
            return new NewRequest(type, cluster, blank(title), blank(author), isCopy ? blank(articleTitle) : null,
                    isCopy ? blank(articleAuthor) : null, blank(volume), blank(issue), isCopy ? blank(pages) : null, y,
                    blank(issn), blank(patronId), blank(patronName), need, level, cost, blank(notes), copy,
                    isCopy && copyrightPermission);
        }

        private static <T> T parse(List<IllException.FieldError> errors, String field, String value,
                java.util.function.Function<String, T> parser) {
            try {
                return parser.apply(value.strip());
            } catch (IllegalArgumentException | DateTimeParseException e) {
                errors.add(new IllException.FieldError(field, "'" + value + "' is not valid here"));
                return null;
            }
        }

        private static String blank(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    /** A request as its page shows it: the view, which side the reader is on, and what the reader may do. */
    public record RequestPageView(RequestView request, String viewerSide, List<IllAction> actions, boolean overdue,
            DocumentDelivery.Stored document, String newLink) {

        /** The lender delivers a copy by uploading it, in any state in which it may ship. */
        public boolean canDeliver() {
            return "lender".equals(viewerSide) && request.serviceType() == ServiceType.COPY
                    && actions.contains(IllAction.SHIP) && document == null;
        }

        /** Shipping a copy happens through the upload, not the plain button. */
        public List<IllAction> buttons() {
            return request.serviceType() == ServiceType.COPY
                    ? actions.stream().filter(a -> a != IllAction.SHIP).toList() : actions;
        }

        /** The button's words: what staff would say they do. */
        public String label(IllAction action) {
            return switch (action) {
                case CANCEL -> "Cancel the request";
                case ACCEPT_CONDITIONS -> "Accept the conditions";
                case REJECT_CONDITIONS -> "Reject the conditions";
                case RECEIVED -> "Mark received";
                case REQUEST_RENEWAL -> "Ask for a renewal";
                case SHIP_RETURN -> "Mark returned (shipped back)";
                case RE_REQUEST -> "Request again (new rota)";
                case EXPECT_TO_SUPPLY -> "Expect to supply";
                case WILL_SUPPLY -> "Will supply";
                case ADD_CONDITIONS -> "Supply with conditions";
                case UNFILLED -> "Cannot supply";
                case SHIP -> request.serviceType() == ServiceType.COPY ? "Mark delivered" : "Mark shipped";
                case GRANT_RENEWAL -> "Grant the renewal";
                case DENY_RENEWAL -> "Deny the renewal";
                case RECALL -> "Recall";
                case CHECK_IN -> "Check in (returned)";
                case CONFIRM_CANCEL -> "Confirm the cancellation";
                case DENY_CANCEL -> "Refuse the cancellation";
                default -> action.apiName();
            };
        }

        public List<String> unfilledReasons() {
            return Arrays.stream(UnfilledReason.values()).map(Enum::name).toList();
        }
    }

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance illQueue(Page page, QueueFilter filter, RequestPage results, int pages, LocalDate today);

        static native TemplateInstance illRequest(Page page, RequestPageView view, String error);

        static native TemplateInstance illNewRequest(Page page, RequestForm form, FormErrors errors);
    }

    @Inject
    IllRequests requests;

    @Inject
    SecurityIdentity identity;

    @Inject
    Clock clock;

    @Inject
    org.consortiumhub.catalog.store.CatalogReads catalog;

    @Inject
    DocumentDelivery delivery;

    @Inject
    io.vertx.mutiny.core.Vertx vertx;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @GET
    @Path("{side:borrowing|lending}")
    public Uni<TemplateInstance> queue(@RestPath String side, @RestQuery String state, @RestQuery String type,
            @RestQuery String q, @RestQuery String sort, @RestQuery boolean all, @RestQuery String page) {
        Caller caller = Caller.of(identity);
        AccessPolicy.IllQueue queue = AccessPolicy.illQueue(caller, side, caller.memberCode());
        QueueFilter filter = new QueueFilter(side, text(state), text(type), text(q),
                RequestQuery.SORTS.containsKey(text(sort)) ? text(sort) : "", all,
                page != null && page.matches("\\d{1,5}") ? Math.max(1, Integer.parseInt(page)) : 1);
        RequestState wanted = enumOrNull(RequestState.class, filter.state());
        ServiceType serviceType = enumOrNull(ServiceType.class, filter.type());
        Page view = new Page(side.equals("borrowing") ? "Borrowing" : "Lending", side, ConsoleUser.of(identity));
        return requests.list(new RequestQuery(queue.borrowerCode(), queue.lenderCode(), wanted, serviceType, null,
                        !filter.all() && wanted == null, filter.q().isEmpty() ? null : filter.q(),
                        filter.sort().isEmpty() ? null : filter.sort(), filter.page(), PAGE_SIZE))
                .map(results -> Templates.illQueue(view, filter, results,
                        (int) ((results.total() + PAGE_SIZE - 1) / PAGE_SIZE), LocalDate.now(clock)));
    }

    @GET
    @Path("requests/{id}")
    public Uni<TemplateInstance> request(@RestPath long id) {
        return pageOf(id, null);
    }

    @POST
    @Path("requests/{id}/actions")
    public Uni<Object> act(@RestPath long id, @RestForm String action, @RestForm String note, @RestForm String reason,
            @RestForm Integer version) {
        Caller caller = Caller.of(identity);
        return requests.act(id, caller.name(), (rid, borrower, lender) -> AccessPolicy.illSide(caller, rid, borrower, lender),
                        action, note, reason, version)
                .<Object>map(done -> Response.seeOther(URI.create("/console/ill/requests/" + id)).build())
                .onFailure(e -> e instanceof IllException ie && (ie.status() == 409 || ie.status() == 400))
                .recoverWithUni(e -> pageOf(id, e.getMessage())
                        .map(t -> Response.status(((IllException) e).status()).entity(t).build()));
    }

    @GET
    @Path("new")
    @RolesAllowed("ILL_STAFF")
    public TemplateInstance newCitation() {
        return Templates.illNewRequest(new Page("New request", "borrowing", ConsoleUser.of(identity)), RequestForm.citation(),
                FormErrors.NONE);
    }

    @POST
    @Path("requests")
    @RolesAllowed("ILL_STAFF")
    public Uni<Object> create(@RestForm String serviceType, @RestForm String clusterId, @RestForm String title,
            @RestForm String author, @RestForm String articleTitle, @RestForm String articleAuthor, @RestForm String volume,
            @RestForm String issue, @RestForm String pages, @RestForm String year, @RestForm String issn,
            @RestForm String patronId, @RestForm String patronName, @RestForm String needBefore,
            @RestForm String serviceLevel, @RestForm String maxCost, @RestForm String notes, @RestForm String copyright,
            @RestForm String copyrightPermission) {
        Caller caller = Caller.of(identity);
        RequestForm form = new RequestForm(text(serviceType), text(clusterId), text(title), text(author), text(articleTitle),
                text(articleAuthor), text(volume), text(issue), text(pages), text(year), text(issn), text(patronId),
                text(patronName), text(needBefore), text(serviceLevel), text(maxCost), text(notes), text(copyright),
                "true".equals(copyrightPermission));
        return Uni.createFrom().deferred(() -> requests.create(caller.name(), AccessPolicy.borrowFor(caller), form.toRequest()))
                .<Object>map(id -> Response.seeOther(URI.create("/console/ill/requests/" + id)).build())
                .onFailure(IllException.class).recoverWithItem(e -> Response.status(((IllException) e).status())
                        .entity(Templates.illNewRequest(new Page("New request", "borrowing", ConsoleUser.of(identity)), form,
                                FormErrors.of((IllException) e)))
                        .build());
    }

    /** The lender delivers a copy: the PDF is stored with its checksum and the request is marked delivered. */
    @POST
    @Path("requests/{id}/document")
    public Uni<Object> uploadCopy(@RestPath long id, @RestForm("file") org.jboss.resteasy.reactive.multipart.FileUpload file) {
        Caller caller = Caller.of(identity);
        if (file == null || file.uploadedFile() == null) {
            return pageOf(id, "Choose the PDF of the copy to deliver.").map(t -> Response.status(400).entity(t).build());
        }
        return vertx.fileSystem().readFile(file.uploadedFile().toString())
                .flatMap(content -> delivery.upload(id, caller.name(),
                        (rid, borrower, lender) -> AccessPolicy.deliverDocument(caller, rid, borrower, lender),
                        file.fileName(), content.getBytes()))
                .<Object>map(stored -> Response.seeOther(URI.create("/console/ill/requests/" + id)).build())
                .onFailure(e -> e instanceof IllException ie && ie.status() < 500 && ie.status() != 403)
                .recoverWithUni(e -> pageOf(id, e.getMessage())
                        .map(t -> Response.status(((IllException) e).status()).entity(t).build()));
    }

    /** The borrower gets a link for the patron; it is shown once, and an earlier link stops working. */
    @POST
    @Path("requests/{id}/document/link")
    public Uni<TemplateInstance> copyLink(@RestPath long id) {
        Caller caller = Caller.of(identity);
        return requests.get(id).flatMap(v -> {
            AccessPolicy.documentLink(caller, id, v.borrowerCode());
            return delivery.link(id);
        }).flatMap(link -> pageOf(id, null, link));
    }

    /** The states in which a lender fetches the item from its shelves. */
    static final java.util.Set<RequestState> TO_PULL = java.util.EnumSet.of(RequestState.SENT, RequestState.EXPECT_TO_SUPPLY,
            RequestState.WILL_SUPPLY);

    @GET
    @Path("lending/pull-slips.pdf")
    @Produces("application/pdf")
    @RolesAllowed("ILL_STAFF")
    public Uni<Response> pullSlips() {
        Caller caller = Caller.of(identity);
        String lender = caller.memberCode();
        LocalDate today = LocalDate.now(clock);
        return requests.list(new RequestQuery(null, lender, null, null, null, true, null, "needBefore", 1, 500))
                .map(page -> page.requests().stream().filter(r -> TO_PULL.contains(r.state())).toList())
                .flatMap(toPull -> Multi.createFrom().iterable(toPull)
                        .onItem().transformToUniAndConcatenate(r -> requests.get(r.id()).flatMap(v -> slip(v, lender)))
                        .collect().asList())
                .map(slips -> Response.ok(PullSlips.pdf(lender, today, slips))
                        .type("application/pdf")
                        .header("Content-Disposition", "inline; filename=\"pull-slips-" + lender + "-" + today + ".pdf\"")
                        .build());
    }

    private Uni<PullSlips.Slip> slip(RequestView v, String lender) {
        Uni<List<String>> copies = v.clusterId() == null ? Uni.createFrom().item(List.of())
                : catalog.cluster(v.clusterId()).map(cluster -> cluster.records().stream()
                        .filter(record -> record.memberCode().equalsIgnoreCase(lender))
                        .flatMap(record -> record.holdings().stream().map(h -> copyLine((io.vertx.core.json.JsonObject) h)))
                        .toList())
                        .onFailure(org.consortiumhub.catalog.CatalogException.class).recoverWithItem(List.of());
        Uni<io.vertx.mutiny.sqlclient.Row> borrower = pool.preparedQuery(
                "select name, ship_line1, ship_line2, ship_locality, ship_region, ship_postal_code, ship_country"
                        + " from member_library where code = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(v.borrowerCode())).map(rows -> rows.iterator().next());
        return copies.flatMap(c -> borrower.map(b -> {
            List<String> address = new java.util.ArrayList<>();
            address.add(b.getString("ship_line1"));
            if (b.getString("ship_line2") != null) {
                address.add(b.getString("ship_line2"));
            }
            address.add(String.join(" ", java.util.stream.Stream.of(b.getString("ship_postal_code"), b.getString("ship_locality"),
                    b.getString("ship_region")).filter(java.util.Objects::nonNull).toList()));
            address.add(b.getString("ship_country"));
            String citation = v.articleTitle() == null ? null : v.articleTitle()
                    + (v.volume() == null ? "" : ", vol. " + v.volume()) + (v.issue() == null ? "" : ", no. " + v.issue())
                    + (v.pages() == null ? "" : ", pp. " + v.pages()) + (v.year() == null ? "" : ", " + v.year());
            return new PullSlips.Slip(v.id(), v.serviceType().name(), v.serviceLevel() == NewRequest.ServiceLevel.RUSH,
                    v.title(), v.author(), citation, c, v.borrowerCode(), b.getString("name"), address, v.needBefore(),
                    v.state().name());
        }));
    }

    private static String copyLine(io.vertx.core.json.JsonObject h) {
        return java.util.stream.Stream.of(h.getString("location"), h.getString("sublocation"), h.getString("callNumber"),
                        h.getString("barcode") == null ? null : "barcode " + h.getString("barcode"),
                        h.getString("status"))
                .filter(x -> x != null && !x.isBlank()).collect(java.util.stream.Collectors.joining(" · "));
    }

    private Uni<TemplateInstance> pageOf(long id, String error) {
        return pageOf(id, error, null);
    }

    private Uni<TemplateInstance> pageOf(long id, String error, DocumentDelivery.Link link) {
        Caller caller = Caller.of(identity);
        return requests.get(id).flatMap(v -> {
            AccessPolicy.readIllRequest(caller, id, v.borrowerCode(), v.askedLenders());
            return deliveredCopy(v).map(document -> render(caller, v, document, error, link));
        });
    }

    /** The copy delivered for a copy request, or null while there is none (and for loans). */
    private Uni<DocumentDelivery.Stored> deliveredCopy(RequestView v) {
        if (v.serviceType() != ServiceType.COPY) {
            return Uni.createFrom().nullItem();
        }
        return delivery.info(v.id()).onFailure(IllException.class).recoverWithNull();
    }

    private TemplateInstance render(Caller caller, RequestView v, DocumentDelivery.Stored document, String error,
            DocumentDelivery.Link link) {
        String side = null;
        List<IllAction> actions = List.of();
        if (caller.actsFor(v.borrowerCode())) {
            side = "borrower";
            actions = v.requesterActions();
        } else if (v.lenderCode() != null && caller.actsFor(v.lenderCode())) {
            side = "lender";
            actions = v.supplierActions();
        }
        boolean overdue = v.dueDate() != null && v.dueDate().isBefore(LocalDate.now(clock)) && !v.state().terminal()
                && v.state() != RequestState.SHIPPED_RETURN;
        return Templates.illRequest(new Page("Request " + v.id(), side == null ? "ill" : side.equals("borrower") ? "borrowing"
                : "lending", ConsoleUser.of(identity)), new RequestPageView(v, side, actions, overdue, document,
                link == null ? null : "/api/v1/ill/documents/" + link.token()), error);
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }


}
