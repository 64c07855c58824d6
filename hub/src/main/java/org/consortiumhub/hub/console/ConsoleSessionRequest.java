package org.consortiumhub.hub.console;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** The console session cookie's token, to be turned into the staff user's identity. */
public class ConsoleSessionRequest extends BaseAuthenticationRequest {

    private final String token;

    public ConsoleSessionRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
