package org.consortiumhub.hub.membership;

import org.consortiumhub.api.model.Member;

/** Maps member libraries between the API's models and the hub's entities. */
final class MemberViews {

    private MemberViews() {
    }

    static Member toApi(MemberLibrary m) {
        ShippingAddress a = m.shippingAddress;
        return new Member()
                .code(m.code)
                .name(m.name)
                .region(m.region)
                .fte(m.fte)
                .materialsBudget(m.materialsBudget)
                .contactEmail(m.contactEmail)
                .shippingAddress(new org.consortiumhub.api.model.ShippingAddress()
                        .line1(a.line1).line2(a.line2).locality(a.locality).region(a.region)
                        .postalCode(a.postalCode).country(a.country))
                .active(m.active)
                .createdAt(m.createdAt)
                .updatedAt(m.updatedAt);
    }

    static ShippingAddress fromApi(org.consortiumhub.api.model.ShippingAddress a) {
        return a == null ? null
                : new ShippingAddress(a.getLine1(), a.getLine2(), a.getLocality(), a.getRegion(), a.getPostalCode(), a.getCountry());
    }
}
