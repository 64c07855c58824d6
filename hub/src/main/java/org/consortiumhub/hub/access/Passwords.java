package org.consortiumhub.hub.access;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;

import at.favre.lib.crypto.bcrypt.BCrypt;

/** Staff passwords: bcrypt hashes, a minimum policy, and generated passwords for first start and the demo. */
public final class Passwords {

    public static final int MIN_LENGTH = 12;
    /** bcrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused. */
    public static final int MAX_BYTES = 72;
    private static final int COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    /** Hash checked when the username is unknown, so a failed login takes as long either way. */
    private static final String DECOY = hash("decoy-password-for-timing");

    private Passwords() {
    }

    public static Optional<String> problemWith(String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("is required");
        }
        if (password.length() < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters long");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("must be at most " + MAX_BYTES + " bytes long");
        }
        return Optional.empty();
    }

    public static String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    /** Checks a password against a stored hash (or against a decoy when there is none). CPU-heavy: not on the event loop. */
    public static boolean matches(String password, String storedHash) {
        byte[] candidate = password.getBytes(StandardCharsets.UTF_8);
        if (candidate.length > MAX_BYTES) {
            return false;
        }
        boolean ok = BCrypt.verifyer().verify(candidate, (storedHash == null ? DECOY : storedHash).getBytes(StandardCharsets.UTF_8)).verified;
        return ok && storedHash != null;
    }

    public static String generate(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return s.toString();
    }
}
