package org.consortiumhub.hub.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of an adapter API key: {@code chk_<key id>.<secret>}. The id finds the key's row; the secret is
 * 256 random bits of which the hub keeps only a SHA-256 hash (a slow hash adds nothing to a random secret
 * of that size, and a fast one keeps every adapter call cheap).
 */
public record ApiKeySecret(String keyId, String secret) {

    private static final String PREFIX = "chk_";
    private static final Pattern SHAPE = Pattern.compile("^chk_([a-z0-9]{16})\\.([A-Za-z0-9_-]{43})$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    public static ApiKeySecret generate() {
        StringBuilder id = new StringBuilder(16);
        for (int i = 0; i < 16; i++) {
            id.append(ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)]);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new ApiKeySecret(id.toString(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    public static Optional<ApiKeySecret> parse(String token) {
        Matcher m = SHAPE.matcher(token == null ? "" : token.trim());
        return m.matches() ? Optional.of(new ApiKeySecret(m.group(1), m.group(2))) : Optional.empty();
    }

    /** The whole key, as the adapter sends it. */
    public String token() {
        return PREFIX + keyId + "." + secret;
    }

    public String secretHash() {
        return hashOf(secret);
    }

    /** Compares in constant time, so the comparison leaks nothing about the stored hash. */
    public boolean matches(String storedHash) {
        return MessageDigest.isEqual(secretHash().getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    static String hashOf(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
