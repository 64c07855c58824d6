package org.consortiumhub.hub.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers, for a few minutes, which password matched which stored bcrypt hash, so a script calling the API with
 * HTTP basic pays bcrypt's deliberate slowness once, not on every call. The entry is keyed by the stored hash as well
 * as the password, so a changed password (a new hash) is checked afresh as soon as the account is read again
 * ({@link StaffAccounts}: within seconds on every replica). Only digests are kept, never passwords.
 */
final class VerifiedPasswords {

    private static final long TTL_NANOS = 5L * 60 * 1_000_000_000L;
    private static final int MAX_ENTRIES = 10_000;

    private final ConcurrentHashMap<String, Long> verifiedUntil = new ConcurrentHashMap<>();

    boolean recentlyVerified(String password, String storedHash) {
        Long until = verifiedUntil.get(key(password, storedHash));
        return until != null && until - System.nanoTime() > 0;
    }

    void remember(String password, String storedHash) {
        if (verifiedUntil.size() >= MAX_ENTRIES) {
            long now = System.nanoTime();
            verifiedUntil.values().removeIf(until -> until - now <= 0);
            if (verifiedUntil.size() >= MAX_ENTRIES) {
                verifiedUntil.clear();
            }
        }
        verifiedUntil.put(key(password, storedHash), System.nanoTime() + TTL_NANOS);
    }

    private static String key(String password, String storedHash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(storedHash.getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
