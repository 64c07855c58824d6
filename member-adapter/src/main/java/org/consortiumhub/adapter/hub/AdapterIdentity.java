package org.consortiumhub.adapter.hub;

/** Who the hub says this adapter is: the member library it acts for and the id of the API key it used. */
public record AdapterIdentity(String memberCode, String apiKeyId) {
}
