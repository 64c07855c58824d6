package org.consortiumhub.adapter.sync;

import java.nio.file.Path;

import org.consortiumhub.adapter.hub.HubConnectionException;
import org.consortiumhub.api.client.model.BatchReport;

/** Where batches of records go: the hub, through {@link HubPusher}. */
public interface CatalogSink {

    /** Sends a batch file (ISO 2709 or MARCXML) and returns the report on each of its records. */
    BatchReport send(Path batch) throws HubConnectionException, InterruptedException;
}
