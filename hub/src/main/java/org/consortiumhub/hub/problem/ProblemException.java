package org.consortiumhub.hub.problem;

import java.util.List;

/**
 * A failure the caller should be told about in an RFC 9457 problem document. Services throw it; the
 * REST layer turns it into {@code application/problem+json} with the same status.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldProblem> fieldProblems;

    public ProblemException(int status, String title, String detail, List<FieldProblem> fieldProblems) {
        super(detail);
        this.status = status;
        this.title = title;
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    public static ProblemException invalid(List<FieldProblem> problems) {
        String detail = problems.size() == 1
                ? problems.get(0).field() + ": " + problems.get(0).message()
                : problems.size() + " fields are invalid";
        return new ProblemException(400, "Invalid request", detail, problems);
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldProblem(field, message)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail, List.of());
    }

    public static ProblemException conflict(String field, String detail) {
        return new ProblemException(409, "Conflict", detail,
                field == null ? List.of() : List.of(new FieldProblem(field, detail)));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail, List.of());
    }

    public static ProblemException forbiddenField(String field, String detail) {
        return new ProblemException(403, "Forbidden", detail, List.of(new FieldProblem(field, detail)));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }
}
