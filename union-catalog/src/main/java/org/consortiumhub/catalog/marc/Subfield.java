package org.consortiumhub.catalog.marc;

/** One subfield of a MARC data field: its code (e.g. {@code a}) and its value, in Unicode. */
public record Subfield(char code, String value) {
}
