package org.consortiumhub.hub.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.consortiumhub.hub.problem.ProblemResponses;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;

/**
 * What every console request passes through: state-changing requests must carry the session's anti-forgery token,
 * a missing login leads to the login page, errors become readable pages instead of JSON, and pages are sent with
 * headers that keep them out of caches and frames and allow only the hub's own scripts.
 */
public class ConsoleGuards {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Inject
    CurrentIdentityAssociation identities;

    @ServerRequestFilter
    public Uni<Response> requireAntiForgeryToken(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!ConsolePaths.isConsole(path) || SAFE_METHODS.contains(request.getMethod()) || path.equals(ConsolePaths.LOGIN)) {
            return Uni.createFrom().nullItem();
        }
        return identities.getDeferredIdentity().map(identity -> {
            if (identity.isAnonymous()) {
                return null; // the security check answers: the login page
            }
            String expected = identity.getAttribute(ConsoleSessionIdentityProvider.CSRF);
            String sent = request.getHeaderString(CSRF_HEADER);
            if (expected == null || sent == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    sent.getBytes(StandardCharsets.US_ASCII))) {
                return ProblemResponses.respond(403, "Forbidden",
                        "this form was not sent from a page of your console session (its security token is missing or out "
                                + "of date); reload the page and try again", java.util.List.of());
            }
            return null;
        });
    }

    @ServerResponseFilter
    public void consolePages(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!ConsolePaths.isConsole(path)) {
            return;
        }
        boolean htmx = request.getHeaderString("HX-Request") != null;
        String redirect = null;
        if (response.getStatus() == 401 && !path.equals(ConsolePaths.LOGIN)) {
            String target = request.getUriInfo().getRequestUri().getRawPath();
            String query = request.getUriInfo().getRequestUri().getRawQuery();
            boolean hadSession = request.getCookies().containsKey(ConsoleSessionMechanism.COOKIE);
            redirect = ConsolePaths.loginFor(query == null ? target : target + "?" + query, hadSession ? "ended" : null);
            response.setEntity(null);
            // htmx replaces the whole page when told to; a plain redirect would land inside the target element.
            response.setStatus(htmx ? 200 : 303);
        } else if (response.getStatus() >= 400 && response.getMediaType() != null
                && response.getMediaType().toString().startsWith(ProblemResponses.PROBLEM_JSON)) {
            String title = "Error";
            String detail = "";
            try {
                JsonNode problem = JSON.readTree(String.valueOf(response.getEntity()));
                title = problem.path("title").asText(title);
                detail = problem.path("detail").asText("");
            } catch (Exception unreadable) {
                // keep the generic wording
            }
            String html = htmx
                    ? ConsoleTemplates.errorMessage(response.getStatus(), title, detail).render()
                    : ConsoleTemplates.errorPage(response.getStatus(), title, detail).render();
            response.setEntity(html, null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        }
        var headers = response.getHeaders();
        if (redirect != null) {
            headers.remove(HttpHeaders.WWW_AUTHENTICATE);
            headers.remove(HttpHeaders.CONTENT_TYPE);
            headers.putSingle(htmx ? "HX-Redirect" : HttpHeaders.LOCATION, redirect);
        }
        headers.putSingle("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("Referrer-Policy", "same-origin");
        headers.putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
