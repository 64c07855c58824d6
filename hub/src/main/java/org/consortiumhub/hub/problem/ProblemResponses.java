package org.consortiumhub.hub.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.consortiumhub.api.model.FieldError;
import org.consortiumhub.catalog.CatalogException;
import org.consortiumhub.ill.IllException;
import org.consortiumhub.api.model.Problem;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every failure of an API call into an RFC 9457 {@code application/problem+json} answer that says
 * what was wrong and, where the request was at fault, which field. Nothing leaves as a bare 500 page.
 */
public class ProblemResponses {

    public static final String PROBLEM_JSON = "application/problem+json";
    /** Both ways to authenticate, so a client that sent neither learns of each. */
    public static final String CHALLENGE = "Basic realm=\"consortium-hub\", Bearer realm=\"consortium-hub\"";

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_EMPTY);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.status(), e.title(), e.getMessage(), e.fieldProblems());
    }

    @ServerExceptionMapper
    public Response catalog(CatalogException e) {
        Response.Status known = Response.Status.fromStatusCode(e.status());
        String title = e.status() == 400 ? "Invalid request" : known == null ? "HTTP " + e.status() : known.getReasonPhrase();
        return respond(e.status(), title, e.getMessage(),
                e.field() == null ? List.of() : List.of(new FieldProblem(e.field(), e.getMessage())));
    }

    @ServerExceptionMapper
    public Response ill(IllException e) {
        Response.Status known = Response.Status.fromStatusCode(e.status());
        String title = e.status() == 400 ? "Invalid request" : known == null ? "HTTP " + e.status() : known.getReasonPhrase();
        return respond(e.status(), title, e.getMessage(),
                e.fieldErrors().stream().map(f -> new FieldProblem(f.field(), f.message())).toList(), e.allowedActions());
    }

    @ServerExceptionMapper
    public Response invalidFields(ResteasyReactiveViolationException e) {
        return invalidFields((ConstraintViolationException) e);
    }

    @ServerExceptionMapper
    public Response invalidFields(ConstraintViolationException e) {
        List<FieldProblem> problems = e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(fieldOf(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .collect(Collectors.toList());
        ProblemException p = ProblemException.invalid(problems);
        return respond(400, p.title(), p.getMessage(), problems);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        String field = pathOf(e);
        return respond(400, "Invalid request", field + ": unknown field; the hub does not know '"
                + e.getPropertyName() + "' here", List.of(new FieldProblem(field, "unknown field")));
    }

    @ServerExceptionMapper
    public Response wrongValue(MismatchedInputException e) {
        String field = pathOf(e);
        String message;
        if (e instanceof InvalidFormatException ife) {
            message = "'" + ife.getValue() + "' is not a valid " + simpleType(ife.getTargetType());
        } else if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Missing required creator property")) {
            message = "is required";
        } else if (e.getTargetType() != null) {
            message = "expected " + simpleType(e.getTargetType());
        } else {
            message = "has the wrong type";
        }
        if (field.isEmpty()) {
            return respond(400, "Invalid request", "the request body is not the JSON object this call expects", List.of());
        }
        return respond(400, "Invalid request", field + ": " + message, List.of(new FieldProblem(field, message)));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        var loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        return respond(400, "Malformed JSON", "the request body is not valid JSON" + where + ": " + e.getOriginalMessage(),
                List.of());
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException jme && !pathOf(jme).isEmpty()) {
            String field = pathOf(jme);
            return respond(400, "Invalid request", field + ": " + e.getOriginalMessage(),
                    List.of(new FieldProblem(field, e.getOriginalMessage())));
        }
        return respond(400, "Malformed JSON", "the request body could not be read: " + e.getOriginalMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e) {
        return unauthenticated("the credentials were not accepted");
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthenticated("this call needs credentials: HTTP basic for staff, or 'Authorization: Bearer <api key>' for an adapter");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(403, "Forbidden", "your role does not allow this call", List.of());
    }

    /**
     * JAX-RS answers 404 when a query parameter cannot be converted (e.g. {@code yearFrom=soon}); the searcher's
     * mistake is a 400 that names the parameter.
     */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        if (e.getCause() instanceof IllegalArgumentException conversion) {
            for (var param : uri.getQueryParameters().entrySet()) {
                for (String value : param.getValue()) {
                    if (conversion.getMessage() != null && conversion.getMessage().contains("\"" + value + "\"")) {
                        String message = "'" + value + "' is not a whole number";
                        return respond(400, "Invalid request", param.getKey() + ": " + message,
                                List.of(new FieldProblem(param.getKey(), message)));
                    }
                }
            }
            return respond(400, "Invalid request", "a parameter has the wrong type: " + conversion.getMessage(), List.of());
        }
        return web(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            return unknownField(u);
        }
        if (cause instanceof MismatchedInputException m) {
            return wrongValue(m);
        }
        if (cause instanceof JsonParseException p) {
            return malformedJson(p);
        }
        if (cause instanceof JsonProcessingException j) {
            return otherJson(j);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        return respond(status, title, e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected failure of an API call", e);
        return respond(500, "Internal error", "the hub failed to handle this request; the failure is logged", List.of());
    }

    private static Response unauthenticated(String detail) {
        return Response.fromResponse(respond(401, "Unauthenticated", detail, List.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
    }

    public static Response respond(int status, String title, String detail, List<FieldProblem> fields) {
        return respond(status, title, detail, fields, List.of());
    }

    /** A problem answer; {@code allowedActions} lists what the caller may do instead when an ILL action is refused. */
    public static Response respond(int status, String title, String detail, List<FieldProblem> fields,
            List<String> allowedActions) {
        Problem problem = new Problem();
        if (!allowedActions.isEmpty()) {
            problem.setAllowedActions(new ArrayList<>(allowedActions));
        }
        problem.setType("about:blank");
        problem.setTitle(title);
        problem.setStatus(status);
        problem.setDetail(detail);
        if (!fields.isEmpty()) {
            List<FieldError> errors = new ArrayList<>();
            for (FieldProblem f : fields) {
                FieldError fe = new FieldError();
                fe.setField(f.field());
                fe.setMessage(f.message());
                errors.add(fe);
            }
            problem.setErrors(errors);
        }
        try {
            return Response.status(status).type(PROBLEM_JSON).entity(JSON.writeValueAsString(problem)).build();
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The JSON path of the field a Jackson error is about, e.g. {@code shippingAddress.country}. */
    static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        if (e instanceof UnrecognizedPropertyException u && !path.toString().endsWith(u.getPropertyName())) {
            path.append(path.length() > 0 ? "." : "").append(u.getPropertyName());
        }
        return path.toString();
    }

    /** A violation's field as the client knows it: body properties by their JSON path, parameters by name. */
    static String fieldOf(ConstraintViolation<?> v) {
        StringBuilder properties = new StringBuilder();
        String parameter = null;
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getName() == null) {
                    continue;
                }
                if (properties.length() > 0) {
                    properties.append('.');
                }
                properties.append(node.getName());
                if (node.getIndex() != null) {
                    properties.append('[').append(node.getIndex()).append(']');
                }
            }
        }
        if (properties.length() > 0) {
            return properties.toString();
        }
        return parameter == null ? "request" : parameter;
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean (true or false)";
        }
        if (type == String.class) {
            return "string";
        }
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder("value, one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                values.append(i == 0 ? "" : ", ").append(constants[i]);
            }
            return values.toString();
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        return "object";
    }
}
