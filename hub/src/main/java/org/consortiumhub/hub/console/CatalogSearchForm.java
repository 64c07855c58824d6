package org.consortiumhub.hub.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.consortiumhub.catalog.match.Format;

/**
 * The union catalog search as the console's form holds it. Builds the links that change one thing — a facet, a
 * page — while keeping every other choice, so a search can be narrowed step by step and bookmarked.
 */
public record CatalogSearchForm(String q, String format, String language, String yearFrom, String yearTo, String member,
        String lendable, int page) {

    public static final int PAGE_SIZE = 20;

    public CatalogSearchForm {
        q = trim(q);
        format = trim(format);
        language = trim(language);
        yearFrom = trim(yearFrom);
        yearTo = trim(yearTo);
        member = trim(member);
        lendable = "true".equals(trim(lendable)) ? "true" : "";
        page = Math.max(page, 1);
    }

    public boolean isEmpty() {
        return q.isEmpty() && format.isEmpty() && language.isEmpty() && yearFrom.isEmpty() && yearTo.isEmpty()
                && member.isEmpty() && lendable.isEmpty();
    }

    /** The formats the catalog knows, as the format filter offers them. */
    public List<String> formats() {
        return Arrays.stream(Format.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList();
    }

    public boolean lendableOnly() {
        return !lendable.isEmpty();
    }

    /** The search with one filter set to a value (or removed when blank), from its first page. */
    public String with(String name, String value) {
        Map<String, String> params = params();
        params.put(name, value == null ? "" : value);
        params.put("page", "1");
        return url(params);
    }

    /** The search with a decade facet applied as a year range. */
    public String withDecade(String decade) {
        Map<String, String> params = params();
        String start = decade.replaceAll("\\D", "");
        if (start.length() == 4) {
            params.put("yearFrom", start);
            params.put("yearTo", String.valueOf(Integer.parseInt(start) + 9));
        }
        params.put("page", "1");
        return url(params);
    }

    public String pageLink(int number) {
        Map<String, String> params = params();
        params.put("page", String.valueOf(number));
        return url(params);
    }

    private Map<String, String> params() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("q", q);
        p.put("format", format);
        p.put("language", language);
        p.put("yearFrom", yearFrom);
        p.put("yearTo", yearTo);
        p.put("member", member);
        p.put("lendable", lendable);
        p.put("page", String.valueOf(page));
        return p;
    }

    private static String url(Map<String, String> params) {
        StringBuilder url = new StringBuilder("/console/catalog?");
        params.forEach((k, v) -> {
            if (!v.isEmpty() && !(k.equals("page") && v.equals("1"))) {
                url.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
            }
        });
        url.setLength(url.length() - 1);
        return url.toString();
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
