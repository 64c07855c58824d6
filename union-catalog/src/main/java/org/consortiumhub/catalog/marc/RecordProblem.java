package org.consortiumhub.catalog.marc;

import java.io.EOFException;
import java.io.IOException;
import java.util.zip.ZipException;

/**
 * A record, or the rest of an input, that could not be read. The message names the record and says what is wrong in
 * words a cataloguer understands, e.g. "record 17 (001 ocm123): directory entry 4 (field 245) points past the end of
 * the record".
 *
 * @param position the record's position in the input, counting from 1
 * @param localId the record's 001 when it could be read, else null
 * @param message the whole explanation, ready to show
 */
public record RecordProblem(int position, String localId, String message) implements ReadResult {

    /** A problem with one record: the message starts with the record's position and 001. */
    static RecordProblem of(int position, String localId, String reason) {
        String record = localId == null ? "record " + position : "record " + position + " (001 " + localId + ")";
        return new RecordProblem(position, localId, record + ": " + reason);
    }

    /** The input failed while record {@code position} was being read; nothing after it can be read. */
    static RecordProblem unreadable(int position, IOException e) {
        // only gzip streams end early with an exception: plain ones just end, which readers report as truncation
        String reason = e instanceof EOFException || e instanceof ZipException
                ? "the compressed (gzip) data is damaged or cut short here, so nothing after this point can be read"
                : "the input could not be read any further (" + e.getMessage() + ")";
        return of(position, null, reason);
    }

    /** A problem with the input as a whole, such as "not MARC: …", whose message stands on its own. */
    static RecordProblem ofInput(int position, String message) {
        return new RecordProblem(position, null, message);
    }
}
