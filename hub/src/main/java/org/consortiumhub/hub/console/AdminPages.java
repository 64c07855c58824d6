package org.consortiumhub.hub.console;

import static org.consortiumhub.hub.console.FormText.blankToNull;
import static org.consortiumhub.hub.console.FormText.text;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.consortiumhub.hub.access.AdapterApiKey;
import org.consortiumhub.hub.access.ApiKeyService;
import org.consortiumhub.hub.access.Caller;
import org.consortiumhub.hub.access.StaffRole;
import org.consortiumhub.hub.access.StaffUser;
import org.consortiumhub.hub.access.UserService;
import org.consortiumhub.hub.access.UserService.AccountDetails;
import org.consortiumhub.hub.membership.MemberLibrary;
import org.consortiumhub.hub.membership.MemberService;
import org.consortiumhub.hub.membership.MemberService.MemberProfile;
import org.consortiumhub.hub.membership.ShippingAddress;
import org.consortiumhub.hub.problem.ProblemException;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * The admin's side of the console: member libraries, staff accounts and the members' adapter API keys. Every change
 * goes through the same services as the API, with the same checks and the same error wording.
 */
@Path(ConsolePaths.ROOT + "/admin")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("ADMIN")
public class AdminPages {

    /** A member form as typed, kept so a refused form comes back filled in. */
    public record MemberForm(String code, String name, String region, String fte, String materialsBudget, String contactEmail,
            String line1, String line2, String locality, String shipRegion, String postalCode, String country, boolean active) {

        static MemberForm blank() {
            return new MemberForm("", "", "", "", "", "", "", "", "", "", "", "", true);
        }

        static MemberForm of(MemberLibrary m) {
            ShippingAddress a = m.shippingAddress == null ? new ShippingAddress() : m.shippingAddress;
            return new MemberForm(m.code, m.name, text(m.region), m.fte == null ? "" : m.fte.toPlainString(),
                    m.materialsBudget == null ? "" : m.materialsBudget.toPlainString(), m.contactEmail, text(a.line1),
                    text(a.line2), text(a.locality), text(a.region), text(a.postalCode), text(a.country), m.active);
        }

        public List<FormField> profileFields() {
            return List.of(new FormField("name", "Name"), new FormField("contactEmail", "Contact email"),
                    new FormField("region", "Region"), new FormField("fte", "FTE students and staff"),
                    new FormField("materialsBudget", "Materials budget"));
        }

        public List<FormField> addressFields() {
            return List.of(new FormField("line1", "Address line 1", "shippingAddress.line1"),
                    new FormField("line2", "Address line 2", "shippingAddress.line2"),
                    new FormField("locality", "Town or city", "shippingAddress.locality"),
                    new FormField("shipRegion", "State or region", "shippingAddress.region"),
                    new FormField("postalCode", "Postal code", "shippingAddress.postalCode"),
                    new FormField("country", "Country (2 letters)", "shippingAddress.country"));
        }

        /** A field by its form name, for the template's field loops. */
        public String get(String field) {
            return switch (field) {
                case "code" -> code;
                case "name" -> name;
                case "region" -> region;
                case "fte" -> fte;
                case "materialsBudget" -> materialsBudget;
                case "contactEmail" -> contactEmail;
                case "line1" -> line1;
                case "line2" -> line2;
                case "locality" -> locality;
                case "shipRegion" -> shipRegion;
                case "postalCode" -> postalCode;
                case "country" -> country;
                default -> throw new IllegalArgumentException("no member form field " + field);
            };
        }

        MemberProfile profile() {
            FormNumbers numbers = new FormNumbers();
            MemberProfile profile = new MemberProfile(name, blankToNull(region), numbers.decimal("fte", fte),
                    numbers.decimal("materialsBudget", materialsBudget), contactEmail,
                    new ShippingAddress(line1, blankToNull(line2), locality, blankToNull(shipRegion), postalCode, country),
                    active);
            numbers.throwIfAny();
            return profile;
        }
    }

    /** A new account as typed. */
    public record UserForm(String username, String displayName, String email, String role, String memberCode) {
        public List<FormField> fields() {
            return List.of(new FormField("username", "User name"), new FormField("displayName", "Full name"),
                    new FormField("email", "Email"));
        }

        public String get(String field) {
            return switch (field) {
                case "username" -> username;
                case "displayName" -> displayName;
                case "email" -> email;
                default -> throw new IllegalArgumentException("no account form field " + field);
            };
        }

        static UserForm blank() {
            return new UserForm("", "", "", "ILL_STAFF", "");
        }
    }

    @CheckedTemplate(basePath = "console", requireTypeSafeExpressions = false)
    static class Templates {
        static native TemplateInstance members(Page page, List<MemberLibrary> members, MemberForm form, FormErrors errors);

        static native TemplateInstance member(Page page, MemberLibrary member, MemberForm form, FormErrors errors,
                List<AdapterApiKey> keys, String issuedKey);

        static native TemplateInstance users(Page page, List<StaffUser> users, List<MemberLibrary> members, UserForm form,
                FormErrors errors, List<StaffRole> roles);
    }

    @Inject
    MemberService members;

    @Inject
    UserService users;

    @Inject
    ApiKeyService apiKeys;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("members")
    public Uni<TemplateInstance> members(@RestQuery String saved) {
        Page page = page("Members", "members").withNotice(saved == null ? null : "Member " + saved + " saved.");
        return members.list(caller(), null).map(list -> Templates.members(page, list, MemberForm.blank(), FormErrors.NONE));
    }

    @POST
    @Path("members")
    public Uni<Object> addMember(@RestForm String code, @RestForm String name, @RestForm String region, @RestForm String fte,
            @RestForm String materialsBudget, @RestForm String contactEmail, @RestForm String line1, @RestForm String line2,
            @RestForm String locality, @RestForm String shipRegion, @RestForm String postalCode, @RestForm String country) {
        MemberForm form = new MemberForm(text(code), text(name), text(region), text(fte), text(materialsBudget),
                text(contactEmail), text(line1), text(line2), text(locality), text(shipRegion), text(postalCode), text(country), true);
        return Uni.createFrom().deferred(() -> members.create(caller(), form.code(), form.profile()))
                .<Object>map(created -> Response.seeOther(URI.create("/console/admin/members/" + created.code + "?saved=1")).build())
                .onFailure(ProblemException.class).recoverWithUni(e -> members.list(caller(), null).map(list -> Response
                        .status(((ProblemException) e).status())
                        .entity(Templates.members(page("Members", "members"), list, form, FormErrors.of((ProblemException) e)))
                        .build()));
    }

    @GET
    @Path("members/{code}")
    public Uni<TemplateInstance> member(@RestPath String code, @RestQuery String saved) {
        Page page = page("Member " + code, "members").withNotice(saved == null ? null : "Saved.");
        return members.get(caller(), code).flatMap(member -> apiKeys.list(caller(), member.code).map(keys -> Templates.member(
                page.withTitle("Member " + member.code), member, MemberForm.of(member), FormErrors.NONE, keys, null)));
    }

    @POST
    @Path("members/{code}")
    public Uni<Object> saveMember(@RestPath String code, @RestForm String name, @RestForm String region, @RestForm String fte,
            @RestForm String materialsBudget, @RestForm String contactEmail, @RestForm String line1, @RestForm String line2,
            @RestForm String locality, @RestForm String shipRegion, @RestForm String postalCode, @RestForm String country,
            @RestForm String active) {
        MemberForm form = new MemberForm(code, text(name), text(region), text(fte), text(materialsBudget), text(contactEmail),
                text(line1), text(line2), text(locality), text(shipRegion), text(postalCode), text(country), "true".equals(active));
        return Uni.createFrom().deferred(() -> members.update(caller(), code, form.profile()))
                .<Object>map(saved -> Response.seeOther(URI.create("/console/admin/members/" + saved.code + "?saved=1")).build())
                .onFailure(ProblemException.class).recoverWithUni(e -> members.get(caller(), code)
                        .flatMap(member -> apiKeys.list(caller(), member.code).map(keys -> Response
                                .status(((ProblemException) e).status())
                                .entity(Templates.member(page("Member " + member.code, "members"), member, form,
                                        FormErrors.of((ProblemException) e), keys, null))
                                .build())));
    }

    @POST
    @Path("members/{code}/api-keys")
    public Uni<TemplateInstance> issueKey(@RestPath String code, @RestForm String label) {
        return apiKeys.issue(caller(), code, label).flatMap(issued -> memberPage(code, issued.token(), null))
                .onFailure(ProblemException.class).recoverWithUni(e -> memberPage(code, null, FormErrors.of((ProblemException) e)));
    }

    @POST
    @Path("members/{code}/api-keys/{keyId}/revoke")
    public Uni<Response> revokeKey(@RestPath String code, @RestPath String keyId) {
        return apiKeys.revoke(caller(), code, keyId)
                .map(ignored -> Response.seeOther(URI.create("/console/admin/members/" + code + "?saved=1")).build());
    }

    @GET
    @Path("users")
    public Uni<TemplateInstance> users(@RestQuery String saved) {
        Page page = page("Users", "users").withNotice(saved == null ? null : "Account " + saved + " saved.");
        return usersPage(page, UserForm.blank(), FormErrors.NONE);
    }

    @POST
    @Path("users")
    public Uni<Object> addUser(@RestForm String username, @RestForm String displayName, @RestForm String email,
            @RestForm String role, @RestForm String memberCode, @RestForm String password) {
        UserForm form = new UserForm(text(username).toLowerCase(), text(displayName), text(email), text(role), text(memberCode));
        return Uni.createFrom().deferred(() -> users.create(caller(), form.username(), new AccountDetails(form.displayName(),
                        form.email(), roleOf(form.role()), blankToNull(form.memberCode()), true, password)))
                .<Object>map(created -> Response.seeOther(URI.create("/console/admin/users?saved=" + created.username)).build())
                .onFailure(ProblemException.class).recoverWithUni(e -> usersPage(page("Users", "users"), form,
                        FormErrors.of((ProblemException) e)).map(t -> Response.status(((ProblemException) e).status()).entity(t).build()));
    }

    @POST
    @Path("users/{username}/active")
    public Uni<Response> setActive(@RestPath String username, @RestForm String active) {
        return users.get(caller(), username)
                .flatMap(user -> users.update(caller(), username, new AccountDetails(user.displayName, user.email, user.role,
                        user.member == null ? null : user.member.code, "true".equals(active), null)))
                .map(saved -> Response.seeOther(URI.create("/console/admin/users?saved=" + saved.username)).build());
    }

    private Uni<TemplateInstance> memberPage(String code, String issuedKey, FormErrors errors) {
        return members.get(caller(), code).flatMap(member -> apiKeys.list(caller(), member.code).map(keys -> Templates.member(
                page("Member " + member.code, "members").withNotice(issuedKey == null ? null : "API key issued."), member,
                MemberForm.of(member), errors == null ? FormErrors.NONE : errors, keys, issuedKey)));
    }

    private Uni<TemplateInstance> usersPage(Page page, UserForm form, FormErrors errors) {
        return users.list(caller(), null).flatMap(accounts -> members.list(caller(), null).map(memberList -> Templates.users(
                page, accounts, memberList, form, errors, List.of(StaffRole.values()))));
    }

    private Page page(String title, String section) {
        return new Page(title, section, ConsoleUser.of(identity));
    }

    private Caller caller() {
        return Caller.of(identity);
    }

    private static StaffRole roleOf(String role) {
        try {
            return StaffRole.valueOf(role);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalid("role", "choose one of ADMIN, ALLIANCE_MANAGER, ILL_STAFF");
        }
    }



    /** Reads the number fields of a form, collecting every one that is not a number. */
    static final class FormNumbers {
        private final org.consortiumhub.hub.problem.FieldChecks checks = new org.consortiumhub.hub.problem.FieldChecks();

        BigDecimal decimal(String field, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            try {
                return new BigDecimal(value.strip().replace(",", ""));
            } catch (NumberFormatException e) {
                checks.add(field, "'" + value + "' is not a number");
                return null;
            }
        }

        void throwIfAny() {
            checks.throwIfAny();
        }
    }
}
