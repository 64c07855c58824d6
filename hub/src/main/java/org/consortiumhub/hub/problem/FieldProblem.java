package org.consortiumhub.hub.problem;

/** What is wrong with one field of a request, named by its JSON path (e.g. {@code shippingAddress.country}). */
public record FieldProblem(String field, String message) {
}
