package org.consortiumhub.adapter.source.file;

import java.nio.file.Path;

/**
 * Which MARC files to read and what they stand for.
 *
 * @param path one file, or a folder whose MARC files ({@code .mrc .marc .dat .iso .xml .gz}) are read in name order
 * @param full true when the files hold the member's whole catalog, so that a record the hub has from this adapter but
 *        the files no longer contain is deleted at the hub; false when they hold only new and changed records
 */
public record MarcFilesSettings(Path path, boolean full) {
}
