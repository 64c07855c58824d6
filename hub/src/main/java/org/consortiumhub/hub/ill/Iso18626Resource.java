package org.consortiumhub.hub.ill;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.consortiumhub.api.server.Iso18626Api;
import org.consortiumhub.hub.access.AccessPolicy;
import org.consortiumhub.hub.access.Caller;
import org.consortiumhub.ill.iso.IsoGateway;
import org.consortiumhub.ill.iso.IsoOutbox;
import org.jboss.logging.Logger;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The hub's ISO 18626 endpoint for members that are external ILL systems. The API key decides the member, so a
 * system can only speak for its own library; every message, good or bad, is answered with its confirmation.
 */
@Authenticated
public class Iso18626Resource implements Iso18626Api {

    private static final Logger LOG = Logger.getLogger(Iso18626Resource.class);

    @Inject
    IsoGateway gateway;

    @Inject
    IsoOutbox outbox;

    @Inject
    SecurityIdentity identity;

    @Override
    public Uni<String> receiveIso18626(String body) {
        String member = AccessPolicy.isoPeer(Caller.of(identity));
        return gateway.receive(body.getBytes(StandardCharsets.UTF_8), member)
                .invoke(ignored -> outbox.deliverDue().subscribe().with(n -> { }, e -> LOG.warn("ISO 18626 delivery failed", e)))
                .map(confirmation -> new String(confirmation, StandardCharsets.UTF_8));
    }
}
