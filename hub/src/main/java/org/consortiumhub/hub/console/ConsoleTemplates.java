package org.consortiumhub.hub.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The console's pages that stand outside the main layout: the login page and error pages. */
@CheckedTemplate(basePath = "console", requireTypeSafeExpressions = true)
public class ConsoleTemplates {

    static native TemplateInstance login(String next, String username, String notice, String error);

    static native TemplateInstance errorPage(int status, String title, String detail);

    static native TemplateInstance errorMessage(int status, String title, String detail);
}
