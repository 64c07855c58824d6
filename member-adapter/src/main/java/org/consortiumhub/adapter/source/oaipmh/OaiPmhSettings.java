package org.consortiumhub.adapter.source.oaipmh;

import java.net.URI;
import java.util.Optional;

import org.consortiumhub.adapter.http.RemoteServer;

/**
 * Where and what to harvest.
 *
 * @param url the server's base URL, e.g. {@code https://ils.example.org/oai}
 * @param metadataPrefix {@code marc21} or {@code marcxml}, whichever the server offers MARCXML under
 * @param set the set to harvest, when the member shares only part of its catalog
 */
public record OaiPmhSettings(URI url, String metadataPrefix, Optional<String> set, RemoteServer.Retrying retrying) {
}
