package org.consortiumhub.hub.ill;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/** The time ILL deadlines, due dates and the audit trail go by: the system clock, unless a test brings its own. */
public class HubClock {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
