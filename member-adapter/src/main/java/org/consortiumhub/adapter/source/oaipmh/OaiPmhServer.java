package org.consortiumhub.adapter.source.oaipmh;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.consortiumhub.adapter.http.RemoteFailure;
import org.consortiumhub.adapter.http.RemoteServer;
import org.consortiumhub.adapter.source.SourceException;

/** The member's OAI-PMH server: the three verbs a harvest needs, a page that is not XML asked for again. */
final class OaiPmhServer {

    private final OaiPmhSettings settings;
    private final RemoteServer http;

    OaiPmhServer(OaiPmhSettings settings) {
        this.settings = settings;
        this.http = new RemoteServer("the OAI-PMH server", settings.retrying());
    }

    OaiResponseParser.Identity identify() throws SourceException, InterruptedException {
        try {
            return OaiResponseParser.identify(fetch(Map.of("verb", "Identify")));
        } catch (OaiError e) {
            throw new SourceException("The OAI-PMH server at " + settings.url() + " refused Identify (" + e.getMessage()
                    + "); check adapter.oai.url");
        } catch (OaiResponseParser.Unreadable e) {
            throw new SourceException("The server at " + settings.url() + " did not answer Identify as an OAI-PMH "
                    + "server: " + e.getMessage());
        }
    }

    List<String> metadataPrefixes() throws InterruptedException {
        try {
            return OaiResponseParser.metadataPrefixes(fetch(Map.of("verb", "ListMetadataFormats")));
        } catch (OaiError | OaiResponseParser.Unreadable | SourceException e) {
            return List.of();
        }
    }

    /** The first page of records changed since {@code from} (everything when null). */
    OaiPage listRecords(String from) throws OaiError, SourceException, InterruptedException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("verb", "ListRecords");
        query.put("metadataPrefix", settings.metadataPrefix());
        settings.set().ifPresent(set -> query.put("set", set));
        if (from != null) {
            query.put("from", from);
        }
        return page(query);
    }

    /** The page a resumption token names. */
    OaiPage resume(String token) throws OaiError, SourceException, InterruptedException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("verb", "ListRecords");
        query.put("resumptionToken", token);
        return page(query);
    }

    /** A page, asked for again when what came back is not well-formed (a proxy cut it short, the server crashed). */
    private OaiPage page(Map<String, String> query) throws OaiError, SourceException, InterruptedException {
        OaiResponseParser.Unreadable last = null;
        long pause = settings.retrying().firstPause().toMillis();
        for (int attempt = 1; attempt <= settings.retrying().attempts(); attempt++) {
            try {
                return OaiResponseParser.listRecords(fetch(query));
            } catch (OaiResponseParser.Unreadable e) {
                last = e;
                if (attempt < settings.retrying().attempts()) {
                    Thread.sleep(pause);
                    pause = Math.min(pause * 2, settings.retrying().longestPause().toMillis());
                }
            }
        }
        throw new SourceException("The OAI-PMH server at " + settings.url() + " sent a page of records that cannot be "
                + "read: " + last.getMessage() + ". Asked " + settings.retrying().attempts() + " times; the next run "
                + "resumes from this page.");
    }

    private byte[] fetch(Map<String, String> query) throws SourceException, InterruptedException {
        String parameters = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String base = settings.url().toString();
        URI uri = URI.create(base + (base.contains("?") ? "&" : "?") + parameters);
        try {
            return http.get(uri);
        } catch (RemoteFailure e) {
            throw new SourceException(capitalised(e.getMessage()) + ".", e);
        }
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
