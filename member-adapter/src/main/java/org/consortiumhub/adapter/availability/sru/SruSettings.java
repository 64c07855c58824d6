package org.consortiumhub.adapter.availability.sru;

import java.net.URI;
import java.util.Optional;

import org.consortiumhub.adapter.http.RemoteServer;

/**
 * How to ask the member's SRU server.
 *
 * @param url the server's base URL, e.g. {@code https://ils.example.org/sru/CATALOG}
 * @param localIdQuery the query for a record by its 001, with {@code {value}} where the id goes, e.g.
 *        {@code rec.id="{value}"} (CQL) or {@code @attr 1=12 {value}} (PQF, with query type pqf)
 * @param isbnQuery the same for an ISBN, e.g. {@code bath.isbn="{value}"}
 * @param queryType sent as {@code queryType} when set (e.g. {@code pqf} for Z39.50 gateways)
 * @param recordSchema sent as {@code recordSchema} when set (e.g. {@code marcxml}, {@code opac})
 */
public record SruSettings(URI url, String localIdQuery, String isbnQuery, Optional<String> queryType,
        Optional<String> recordSchema, RemoteServer.Retrying retrying) {
}
