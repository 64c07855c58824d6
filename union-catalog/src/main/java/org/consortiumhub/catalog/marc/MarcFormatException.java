package org.consortiumhub.catalog.marc;

/**
 * A record that cannot be read, with a reason a cataloguer understands. Readers turn it into a {@link RecordProblem}
 * and go on with the next record, so it carries no stack trace: damaged files can hold thousands of them.
 */
final class MarcFormatException extends Exception {

    MarcFormatException(String reason) {
        super(reason, null, false, false);
    }
}
