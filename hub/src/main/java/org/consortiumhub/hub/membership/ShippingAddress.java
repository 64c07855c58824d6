package org.consortiumhub.hub.membership;

import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Where other members send ILL loans for a library. */
@Embeddable
public class ShippingAddress {

    @Column(name = "ship_line1", nullable = false, length = 200)
    public String line1;

    @Column(name = "ship_line2", length = 200)
    public String line2;

    @Column(name = "ship_locality", nullable = false, length = 100)
    public String locality;

    @Column(name = "ship_region", length = 100)
    public String region;

    @Column(name = "ship_postal_code", nullable = false, length = 20)
    public String postalCode;

    @Column(name = "ship_country", nullable = false, length = 2)
    public String country;

    public ShippingAddress() {
    }

    public ShippingAddress(String line1, String line2, String locality, String region, String postalCode, String country) {
        this.line1 = line1;
        this.line2 = line2;
        this.locality = locality;
        this.region = region;
        this.postalCode = postalCode;
        this.country = country;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShippingAddress a && Objects.equals(line1, a.line1) && Objects.equals(line2, a.line2)
                && Objects.equals(locality, a.locality) && Objects.equals(region, a.region)
                && Objects.equals(postalCode, a.postalCode) && Objects.equals(country, a.country);
    }

    @Override
    public int hashCode() {
        return Objects.hash(line1, line2, locality, region, postalCode, country);
    }
}
