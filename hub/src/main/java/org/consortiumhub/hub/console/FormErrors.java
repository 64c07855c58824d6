package org.consortiumhub.hub.console;

import java.util.LinkedHashMap;
import java.util.Map;

import org.consortiumhub.hub.problem.FieldProblem;
import org.consortiumhub.hub.problem.ProblemException;
import org.consortiumhub.ill.IllException;

/**
 * Why a console form was not accepted: a message per field, shown beside it, and a summary at the top. The checks are
 * the services' own, so the console and the API refuse the same things with the same words.
 */
public record FormErrors(String summary, Map<String, String> fields) {

    public static final FormErrors NONE = new FormErrors(null, Map.of());

    public static FormErrors of(ProblemException e) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (FieldProblem p : e.fieldProblems()) {
            fields.merge(p.field(), p.message(), (a, b) -> a + "; " + b);
        }
        return new FormErrors(e.getMessage(), fields);
    }

    public static FormErrors of(IllException e) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (IllException.FieldError f : e.fieldErrors()) {
            fields.merge(f.field(), f.message(), (a, b) -> a + "; " + b);
        }
        return new FormErrors(e.getMessage(), fields);
    }

    public boolean any() {
        return summary != null;
    }

    public String of(String field) {
        return fields.get(field);
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }
}
