package org.consortiumhub.hub.ill;

import java.io.File;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.core.Context;

import jakarta.inject.Inject;

import org.consortiumhub.api.model.IllActionRequest;
import org.consortiumhub.api.model.IllDocument;
import org.consortiumhub.api.model.IllDocumentLink;
import org.consortiumhub.api.model.IllRequest;
import org.consortiumhub.api.model.IllRequestPage;
import org.consortiumhub.api.model.IllServiceType;
import org.consortiumhub.api.model.IllStateModel;
import org.consortiumhub.api.model.IllStatistics;
import org.consortiumhub.api.model.LendingPolicy;
import org.consortiumhub.api.model.LendingPolicyUpdate;
import org.consortiumhub.api.model.NewIllRequest;
import org.consortiumhub.api.server.IllApi;
import org.consortiumhub.hub.access.AccessPolicy;
import org.consortiumhub.hub.access.Caller;
import org.consortiumhub.hub.problem.ProblemException;
import org.consortiumhub.ill.delivery.DocumentDelivery;
import org.consortiumhub.ill.iso.IsoOutbox;
import org.consortiumhub.ill.request.IllRequests;
import org.consortiumhub.ill.request.RequestQuery;
import org.consortiumhub.ill.request.RequestView;
import org.consortiumhub.ill.rota.LendingPolicies;
import org.consortiumhub.ill.state.RequestState;
import org.consortiumhub.ill.state.ServiceType;

import org.jboss.logging.Logger;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.mutiny.core.Vertx;

/**
 * Inter-library loan over the API: requests, their actions, queues and timelines, the state models, and lending
 * policies. Who may do what is decided in {@link AccessPolicy}; the workflow itself lives in the ill-workflow module.
 */
@Authenticated
public class IllResource implements IllApi {

    private static final Logger LOG = Logger.getLogger(IllResource.class);

    @Inject
    IllRequests requests;

    @Inject
    LendingPolicies policies;

    @Inject
    IsoOutbox outbox;

    @Inject
    DocumentDelivery delivery;

    @Inject
    org.consortiumhub.ill.stats.IllStatistics statistics;

    @Inject
    DownloadFiles downloads;

    @Inject
    Vertx vertx;

    @Context
    HttpServerResponse response;

    @Inject
    SecurityIdentity identity;

    @Override
    public Uni<IllRequest> createIllRequest(NewIllRequest body) {
        Caller caller = Caller.of(identity);
        String borrower = AccessPolicy.borrowFor(caller);
        return requests.createAndRead(caller.name(), borrower, IllViews.newRequest(body)).map(this::answer);
    }

    @Override
    public Uni<IllRequestPage> listIllRequests(String side, String member, String state, IllServiceType serviceType,
            String patronId, Boolean active, Integer page, Integer size) {
        Caller caller = Caller.of(identity);
        AccessPolicy.IllQueue queue = AccessPolicy.illQueue(caller, side, member);
        RequestState wanted = null;
        if (state != null) {
            try {
                wanted = RequestState.valueOf(state);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("state", "'" + state + "' is not a request state; states are "
                        + String.join(", ", java.util.Arrays.stream(RequestState.values()).map(Enum::name).toList()));
            }
        }
        return requests.list(new RequestQuery(queue.borrowerCode(), queue.lenderCode(), wanted,
                serviceType == null ? null : ServiceType.valueOf(serviceType.name()), patronId, Boolean.TRUE.equals(active),
                page == null ? 1 : page, size == null ? 50 : size)).map(IllViews::page);
    }

    @Override
    public Uni<IllRequest> getIllRequest(Long requestId) {
        Caller caller = Caller.of(identity);
        AccessPolicy.readIll(caller);
        return readable(caller, requestId).map(IllViews::request);
    }

    @Override
    public Uni<IllRequest> actOnIllRequest(Long requestId, IllActionRequest body) {
        Caller caller = Caller.of(identity);
        return requests.actAndRead(requestId, caller.name(),
                (id, borrower, lender) -> AccessPolicy.illSide(caller, id, borrower, lender), body.getAction(), body.getNote(),
                body.getReason(), body.getVersion()).map(this::answer);
    }

    @Override
    public Uni<IllStatistics> getIllStatistics(LocalDate from, LocalDate to, String member) {
        String scope = AccessPolicy.illStatistics(Caller.of(identity), member);
        if (from == null || to == null) {
            throw ProblemException.invalid(from == null ? "from" : "to", "is required: a date such as 2026-01-01");
        }
        return statistics.figures(scope, from, to).map(IllViews::statistics);
    }

    @Override
    public Uni<List<IllStateModel>> getIllStateModels() {
        AccessPolicy.readIll(Caller.of(identity));
        return Uni.createFrom().item(IllViews.stateModels());
    }

    @Override
    public Uni<LendingPolicy> getLendingPolicy(String code) {
        AccessPolicy.readLendingPolicy(Caller.of(identity), code);
        return policies.get(code).map(IllViews::policy);
    }

    @Override
    public Uni<LendingPolicy> putLendingPolicy(String code, LendingPolicyUpdate body) {
        Caller caller = Caller.of(identity);
        AccessPolicy.setLendingPolicy(caller);
        return policies.put(code, IllViews.policy(body), body.getAvailabilitySecret(), caller.name()).map(IllViews::policy);
    }

    /** The request as a change left it; what the change queued for external ILL systems goes out now. */
    private IllRequest answer(IllRequests.Outcome outcome) {
        if (outcome.queuedMessages()) {
            deliverToPeers();
        }
        return IllViews.request(outcome.request());
    }

    /** Sends what a change queued for members that are external ILL systems now, rather than at the next timer run. */
    private void deliverToPeers() {
        outbox.deliverDue().subscribe().with(n -> { }, e -> LOG.warn("ISO 18626 delivery failed", e));
    }

    @Override
    public Uni<IllDocument> uploadIllDocument(Long requestId, File body, String fileName) {
        Caller caller = Caller.of(identity);
        AccessPolicy.readIll(caller);
        return vertx.fileSystem().readFile(body.getAbsolutePath())
                .flatMap(content -> delivery.upload(requestId, caller.name(),
                        (id, borrower, lender) -> AccessPolicy.deliverDocument(caller, id, borrower, lender), fileName,
                        content.getBytes()))
                .map(IllViews::document);
    }

    @Override
    public Uni<IllDocument> getIllDocument(Long requestId) {
        Caller caller = Caller.of(identity);
        AccessPolicy.readIll(caller);
        return readable(caller, requestId).flatMap(v -> delivery.info(requestId)).map(IllViews::document);
    }

    @Override
    public Uni<IllDocumentLink> createIllDocumentLink(Long requestId) {
        Caller caller = Caller.of(identity);
        return requests.get(requestId).flatMap(v -> {
            AccessPolicy.documentLink(caller, requestId, v.borrowerCode());
            return delivery.link(requestId);
        }).map(link -> {
            IllDocumentLink l = new IllDocumentLink();
            l.setUrl("/api/v1/ill/documents/" + link.token());
            l.setExpiresAt(link.expiresAt());
            l.setDownloadsLeft(link.downloadsLeft());
            return l;
        });
    }

    /** Open to whoever holds the link: its secret is the credential, and it expires. */
    @Override
    @PermitAll
    public Uni<File> downloadIllDocument(String token) {
        return delivery.download(token).flatMap(d -> downloads.write(d.content()).map(file -> {
            response.putHeader("Content-Disposition", "attachment; filename=\"" + d.fileName().replace("\"", "") + "\"");
            return file;
        }));
    }

    private Uni<RequestView> readable(Caller caller, long id) {
        return requests.get(id).map(v -> {
            AccessPolicy.readIllRequest(caller, id, v.borrowerCode(), v.askedLenders());
            return v;
        });
    }
}
