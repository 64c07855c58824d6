package org.consortiumhub.ill.rota;

import io.smallrye.mutiny.Uni;

/**
 * Asks a member's adapter which of its copies of a record are on the shelf now. The hub implements it over HTTP;
 * a failure is never an error for the rota, which goes on without the answer and says so.
 */
public interface LiveAvailability {

    /**
     * The adapter's answer for these local record ids of the member; never fails: an adapter that cannot be
     * reached gives {@link Availability#unreachable(String)}.
     */
    Uni<Availability> check(String memberCode, String url, String secret, java.util.List<String> localIds);
}
