package org.consortiumhub.hub.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every field problem of a request before failing, so the caller learns all of them at once.
 */
public final class FieldChecks {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final List<FieldProblem> problems = new ArrayList<>();

    public FieldChecks require(boolean condition, String field, String message) {
        if (!condition) {
            problems.add(new FieldProblem(field, message));
        }
        return this;
    }

    public FieldChecks email(String value, String field) {
        return require(value == null || EMAIL.matcher(value).matches(), field,
                "'" + value + "' is not an e-mail address");
    }

    public FieldChecks add(String field, String message) {
        problems.add(new FieldProblem(field, message));
        return this;
    }

    /** Throws a 400 problem naming every field found wrong so far. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
    }
}
