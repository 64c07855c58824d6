package org.consortiumhub.ill.rota;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.consortiumhub.ill.state.ServiceType;

/**
 * What the rota is built for.
 *
 * @param format the cluster's catalog format, or null for a citation the catalog does not have
 * @param catalogued false for a citation alone: then every member whose policy lends the service is a candidate
 * @param maxCost the most the borrower will pay, or null for no limit
 */
public record RotaRequest(ServiceType serviceType, long requesterId, String format, boolean catalogued, LocalDate today,
        BigDecimal maxCost) {
}
