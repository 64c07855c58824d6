package org.consortiumhub.ill.rota;

import java.time.OffsetDateTime;

/** A member's lending policy as stored, with who changed it last. The adapter secret itself is never shown. */
public record StoredPolicy(String memberCode, LendingPolicy policy, boolean hasAvailabilitySecret, OffsetDateTime updatedAt,
        String updatedBy) {
}
