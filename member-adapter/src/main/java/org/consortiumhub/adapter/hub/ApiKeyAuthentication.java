package org.consortiumhub.adapter.hub;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Presents the library's API key on every call, as the hub expects from an adapter. */
final class ApiKeyAuthentication implements ClientRequestFilter {

    private final String authorization;

    ApiKeyAuthentication(String apiKey) {
        this.authorization = "Bearer " + apiKey;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, authorization);
    }
}
