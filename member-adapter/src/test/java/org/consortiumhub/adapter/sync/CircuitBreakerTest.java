package org.consortiumhub.adapter.sync;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(60), clock);

    @Test
    void opensAfterTheThresholdAndLetsOneTrialThroughLater() throws Exception {
        breaker.failed();
        breaker.failed();
        assertDoesNotThrow(breaker::beforeCall, "two failures are not yet an outage");
        breaker.failed();

        assertTrue(breaker.isOpen());
        CircuitBreaker.Open open = assertThrows(CircuitBreaker.Open.class, breaker::beforeCall);
        assertTrue(open.getMessage().contains("failed 3 times in a row"), open.getMessage());

        now = now.plusSeconds(61);
        breaker.beforeCall();
        assertThrows(CircuitBreaker.Open.class, breaker::beforeCall, "only one trial at a time");
        breaker.succeeded();
        assertFalse(breaker.isOpen());
        assertDoesNotThrow(breaker::beforeCall);
    }

    @Test
    void aFailedTrialOpensItAgain() throws Exception {
        for (int i = 0; i < 3; i++) {
            breaker.failed();
        }
        now = now.plusSeconds(61);
        breaker.beforeCall();
        breaker.failed();

        assertThrows(CircuitBreaker.Open.class, breaker::beforeCall);
    }

    @Test
    void aSuccessResetsTheCount() {
        breaker.failed();
        breaker.failed();
        breaker.succeeded();
        breaker.failed();
        breaker.failed();

        assertFalse(breaker.isOpen());
    }
}
