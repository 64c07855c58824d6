package org.consortiumhub.adapter.config;

/** One or more settings are missing or wrong; the message names each with its environment variable. */
public class SettingsProblem extends Exception {

    private static final long serialVersionUID = 1L;

    public SettingsProblem(String message) {
        super(message);
    }
}
