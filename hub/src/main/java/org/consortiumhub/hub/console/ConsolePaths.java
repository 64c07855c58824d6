package org.consortiumhub.hub.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where the console lives, and which addresses it will send a user back to after login. */
public final class ConsolePaths {

    public static final String ROOT = "/console";
    public static final String LOGIN = ROOT + "/login";
    public static final String STATIC = ROOT + "/static/";

    private ConsolePaths() {
    }

    public static boolean isConsole(String path) {
        return path != null && (path.equals(ROOT) || path.startsWith(ROOT + "/"));
    }

    /**
     * The page to open after login: only a console page of this hub, never another site ({@code //evil.example}
     * or {@code /console/../api}), so the login form cannot be used to bounce users elsewhere.
     */
    public static String safeNext(String next) {
        if (next == null || !isConsole(next) || next.contains("..") || next.contains("\\") || next.startsWith("//")
                || next.startsWith(LOGIN)) {
            return ROOT;
        }
        return next;
    }

    public static String loginFor(String next, String reason) {
        StringBuilder url = new StringBuilder(LOGIN).append("?next=").append(URLEncoder.encode(safeNext(next), StandardCharsets.UTF_8));
        if (reason != null) {
            url.append("&reason=").append(reason);
        }
        return url.toString();
    }
}
