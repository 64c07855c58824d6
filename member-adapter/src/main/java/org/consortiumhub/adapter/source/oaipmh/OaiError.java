package org.consortiumhub.adapter.source.oaipmh;

/** An OAI-PMH error answer: its code (e.g. {@code badResumptionToken}) and the server's explanation. */
class OaiError extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;

    OaiError(String code, String explanation) {
        super(explanation == null || explanation.isBlank() ? code : code + ": " + explanation.strip());
        this.code = code;
    }

    String code() {
        return code;
    }
}
