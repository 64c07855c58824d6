/**
 * Match points of bibliographic records: normalised identifiers (also for search), the {@link
 * org.consortiumhub.catalog.match.ManifestationProfile} of a record and its match keys with their stable 64-bit
 * hashes. Plain functions of a record, no I/O.
 */
package org.consortiumhub.catalog.match;
