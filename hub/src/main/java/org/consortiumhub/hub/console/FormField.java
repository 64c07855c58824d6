package org.consortiumhub.hub.console;

/**
 * A text field of a console form: its form name, its label, and the name the services use for it in their error
 * messages (e.g. the form's {@code line1} is the API's {@code shippingAddress.line1}).
 */
public record FormField(String name, String label, String errorKey) {

    public FormField(String name, String label) {
        this(name, label, name);
    }
}
