package org.consortiumhub.hub.support;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A logged-in console session driven over plain HTTP: the session cookie, and the anti-forgery token the pages carry
 * for their forms. Redirects are not followed, so tests see where the console sends the user.
 */
public final class ConsoleBrowser {

    private static final Pattern CSRF = Pattern.compile("\"X-CSRF-Token\": \"([A-Za-z0-9_-]+)\"");

    public final String sessionCookie;
    public final String csrfToken;

    private ConsoleBrowser(String sessionCookie, String csrfToken) {
        this.sessionCookie = sessionCookie;
        this.csrfToken = csrfToken;
    }

    public static Response postLogin(String username, String password) {
        return given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("username", username).formParam("password", password).formParam("next", "/console")
                .post("/console/login");
    }

    public static ConsoleBrowser login(String username, String password) {
        Response login = postLogin(username, password);
        if (login.statusCode() != 303) {
            throw new AssertionError("login of " + username + " failed: HTTP " + login.statusCode() + "\n" + login.asString());
        }
        String cookie = login.getCookie("hub_session");
        String home = given().redirects().follow(false).cookie("hub_session", cookie).get("/console").asString();
        Matcher m = CSRF.matcher(home);
        if (!m.find()) {
            throw new AssertionError("the console home carries no anti-forgery token:\n" + home);
        }
        return new ConsoleBrowser(cookie, m.group(1));
    }

    /** A request with the session cookie only. */
    public RequestSpecification page() {
        return given().redirects().follow(false).cookie("hub_session", sessionCookie);
    }

    /** A file upload as the console's pages send it (multipart), with the anti-forgery token. */
    public RequestSpecification upload() {
        return page().header("X-CSRF-Token", csrfToken);
    }

    /** A form post as the console's pages send it: session cookie and anti-forgery token. */
    public RequestSpecification form() {
        return page().header("X-CSRF-Token", csrfToken).contentType("application/x-www-form-urlencoded");
    }
}
