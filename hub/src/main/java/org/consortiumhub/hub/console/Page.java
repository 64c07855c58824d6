package org.consortiumhub.hub.console;

/**
 * What the console's layout needs to draw a page: its title, which navigation entry is current, the user, and a
 * one-off notice (e.g. "Member saved") to show at the top.
 */
public record Page(String title, String section, ConsoleUser user, String notice) {

    public Page(String title, String section, ConsoleUser user) {
        this(title, section, user, null);
    }

    public Page withNotice(String text) {
        return new Page(title, section, user, text);
    }

    public Page withTitle(String text) {
        return new Page(text, section, user, notice);
    }

    public boolean current(String name) {
        return name.equals(section);
    }
}
