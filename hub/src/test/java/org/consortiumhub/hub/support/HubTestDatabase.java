package org.consortiumhub.hub.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Every @QuarkusTest of the hub runs on a fresh database of the local PostgreSQL server. */
@QuarkusTestResource(TestDatabase.class)
public final class HubTestDatabase {

    private HubTestDatabase() {
    }
}
