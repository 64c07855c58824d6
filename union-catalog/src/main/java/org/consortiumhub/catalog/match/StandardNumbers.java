package org.consortiumhub.catalog.match;

import java.util.Arrays;

/** Reading ISBNs and ISSNs out of catalogued text, where they come grouped by hyphens and with text around. */
final class StandardNumbers {

    private StandardNumbers() {
    }

    /**
     * The characters of the first standard number in a text, without the hyphens and spaces that group them, or
     * null when it runs longer than {@code maxLength}. The check character X may stand at position
     * {@code shortLength}; a space after {@code shortLength} characters ends the number, so that
     * {@code "0199535566 (pbk.)"} or two ISBN-10s in one field are not read as one longer number.
     */
    static char[] characters(String text, int shortLength, int maxLength) {
        char[] number = new char[maxLength];
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' || (c == 'X' || c == 'x') && n == shortLength - 1) {
                if (n == maxLength) {
                    return null;
                }
                number[n++] = Character.toUpperCase(c);
            } else if (n > 0 && !(c == '-' || c == ' ' && n != shortLength)) {
                break;
            }
        }
        return n == shortLength || n == maxLength ? Arrays.copyOf(number, n) : null;
    }
}
