package org.consortiumhub.ill.request;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.consortiumhub.ill.IllException;
import org.consortiumhub.ill.IllException.FieldError;
import org.consortiumhub.ill.state.ServiceType;

/**
 * What a borrowing member's staff ask for: a cluster of the union catalog on loan, a copy of part of it, or either for
 * a citation the catalog does not have.
 *
 * @param clusterId the catalog cluster, or null for a citation alone (then {@code title} is required)
 * @param title the book or journal title; taken from the catalog when a cluster is given and this is empty
 * @param articleTitle for a copy: the article or chapter
 * @param copyright for a copy: the copyright compliance the borrower declares, CCG (CONTU guidelines) or CCL (law)
 * @param copyrightPermission staff have the copyright owner's permission: a copy beyond the rule of five may be made
 */
public record NewRequest(ServiceType serviceType, Long clusterId, String title, String author, String articleTitle,
        String articleAuthor, String volume, String issue, String pages, Integer year, String issn, String patronId,
        String patronName, LocalDate needBefore, ServiceLevel serviceLevel, BigDecimal maxCost, String notes,
        Copyright copyright, boolean copyrightPermission) {

    public enum ServiceLevel { NORMAL, RUSH }

    public enum Copyright { CCG, CCL }

    /** The same request for a catalog cluster, e.g. one an ISBN of a peer's request names. */
    public NewRequest forCluster(long cluster) {
        return new NewRequest(serviceType, cluster, title, author, articleTitle, articleAuthor, volume, issue, pages, year, issn,
                patronId, patronName, needBefore, serviceLevel, maxCost, notes, copyright, copyrightPermission);
    }

    /** Every problem of the request at once, so staff fix them in one go; throws if there is any. */
    public void check(LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        if (serviceType == null) {
            errors.add(new FieldError("serviceType", "is required: LOAN or COPY"));
        }
        if (clusterId == null && blank(title)) {
            errors.add(new FieldError("title", "is required when no clusterId is given (a citation not in the catalog)"));
        }
        if (blank(patronId)) {
            errors.add(new FieldError("patronId", "is required"));
        }
        if (serviceType == ServiceType.COPY) {
            if (blank(articleTitle) && blank(pages)) {
                errors.add(new FieldError("articleTitle", "a copy needs the article or chapter title, or the pages"));
            }
            if (copyright == null) {
                errors.add(new FieldError("copyright", "a copy request must declare copyright compliance: CCG or CCL"));
            }
        } else if (serviceType == ServiceType.LOAN && copyright != null) {
            errors.add(new FieldError("copyright", "applies only to copy requests"));
        }
        if (copyrightPermission && serviceType != ServiceType.COPY) {
            errors.add(new FieldError("copyrightPermission", "applies only to copy requests"));
        }
        if (needBefore != null && needBefore.isBefore(today)) {
            errors.add(new FieldError("needBefore", "is in the past (" + needBefore + ")"));
        }
        if (maxCost != null && maxCost.signum() < 0) {
            errors.add(new FieldError("maxCost", "must not be negative"));
        }
        if (year != null && (year < 1000 || year > today.getYear() + 1)) {
            errors.add(new FieldError("year", "is not a plausible year: " + year));
        }
        if (issn != null && !issn.isBlank() && !issn.strip().matches("\\d{4}-?\\d{3}[\\dXx]")) {
            errors.add(new FieldError("issn", "'" + issn + "' is not an ISSN such as 0028-0836"));
        }
        length(errors, "title", title, 2000);
        length(errors, "patronId", patronId, 64);
        length(errors, "patronName", patronName, 200);
        length(errors, "volume", volume, 50);
        length(errors, "issue", issue, 50);
        length(errors, "pages", pages, 50);
        if (!errors.isEmpty()) {
            throw IllException.invalid(errors);
        }
    }

    private static void length(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, "is longer than " + max + " characters"));
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
