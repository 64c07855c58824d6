package org.consortiumhub.hub.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerifiedPasswordsTest {

    @Test
    void aRememberedPasswordCountsOnlyForTheHashItWasCheckedAgainst() {
        VerifiedPasswords verified = new VerifiedPasswords();
        String hash = Passwords.hash("a-long-enough-password");
        assertFalse(verified.recentlyVerified("a-long-enough-password", hash), "nothing is remembered before a check");
        verified.remember("a-long-enough-password", hash);
        assertTrue(verified.recentlyVerified("a-long-enough-password", hash));
        assertFalse(verified.recentlyVerified("another-password-x", hash), "another password is checked afresh");
        String newHash = Passwords.hash("a-long-enough-password");
        assertFalse(verified.recentlyVerified("a-long-enough-password", newHash), "a reset password (new hash) is checked afresh");
    }

    @Test
    void lastUseIsWrittenAtMostOnceAMinute() {
        LastUse lastUse = new LastUse();
        assertTrue(lastUse.isDue("ill.rvc"));
        assertFalse(lastUse.isDue("ill.rvc"));
        assertTrue(lastUse.isDue("ill.hlu"));
    }
}
