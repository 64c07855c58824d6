package org.consortiumhub.adapter.availability.sru;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.stream.XMLStreamException;

import org.consortiumhub.adapter.availability.AvailabilityException;
import org.consortiumhub.adapter.availability.AvailabilityLookup;
import org.consortiumhub.adapter.availability.ItemAvailability;
import org.consortiumhub.adapter.http.RemoteFailure;
import org.consortiumhub.adapter.http.RemoteServer;

/** Live availability from the member's SRU server: a searchRetrieve by local id or ISBN, its items read. */
public final class SruAvailability implements AvailabilityLookup {

    private final SruSettings settings;
    private final RemoteServer server;

    public SruAvailability(SruSettings settings) {
        this.settings = settings;
        this.server = new RemoteServer("the SRU server", settings.retrying());
    }

    @Override
    public List<ItemAvailability> byLocalId(String localId) throws AvailabilityException, InterruptedException {
        return search(settings.localIdQuery(), localId, "local id " + localId, true);
    }

    @Override
    public List<ItemAvailability> byIsbn(String isbn) throws AvailabilityException, InterruptedException {
        return search(settings.isbnQuery(), isbn.replaceAll("[^0-9Xx]", ""), "ISBN " + isbn, false);
    }

    private List<ItemAvailability> search(String template, String value, String what, boolean byLocalId)
            throws AvailabilityException, InterruptedException {
        String query = template.replace("{value}", value);
        StringBuilder url = new StringBuilder(settings.url().toString());
        url.append(url.indexOf("?") >= 0 ? '&' : '?').append("version=2.0&operation=searchRetrieve&maximumRecords=10")
                .append("&query=").append(URLEncoder.encode(query, StandardCharsets.UTF_8));
        settings.queryType().ifPresent(t -> url.append("&queryType=").append(URLEncoder.encode(t, StandardCharsets.UTF_8)));
        settings.recordSchema().ifPresent(s -> url.append("&recordSchema=").append(URLEncoder.encode(s, StandardCharsets.UTF_8)));
        byte[] body;
        try {
            body = server.get(URI.create(url.toString()));
        } catch (RemoteFailure e) {
            throw new AvailabilityException("The member's SRU server failed: " + e.getMessage(), e);
        }
        SruResponseParser.Answer answer;
        try {
            answer = SruResponseParser.parse(body);
        } catch (XMLStreamException e) {
            throw new AvailabilityException("The member's SRU server sent an answer that is not well-formed XML: "
                    + e.getMessage(), e);
        }
        if (answer.diagnostic() != null) {
            throw new AvailabilityException("The member's SRU server reported: " + answer.diagnostic(), false);
        }
        if (answer.numberOfRecords() == 0) {
            throw new AvailabilityException("The member's catalog has no record with " + what + ".", true);
        }
        if (answer.numberOfRecords() < 0) {
            throw new AvailabilityException("The member's SRU server did not send a searchRetrieve answer.", false);
        }
        if (byLocalId) {
            // a record without 001 in its answer (Evergreen sends only holdings) is the one asked for
            return answer.items().stream().map(i -> i.localId() != null ? i
                    : new ItemAvailability(value, i.barcode(), i.location(), i.callNumber(), i.status(), i.dueDate()))
                    .toList();
        }
        return answer.items();
    }
}
