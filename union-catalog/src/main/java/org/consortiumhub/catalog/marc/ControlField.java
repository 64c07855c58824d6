package org.consortiumhub.catalog.marc;

/** A MARC control field (tags 001-009): a tag and a value without indicators or subfields. */
public record ControlField(String tag, String value) {
}
