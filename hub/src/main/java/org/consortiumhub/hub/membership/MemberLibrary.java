package org.consortiumhub.hub.membership;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A library that belongs to the consortium. Its ISIL-style code identifies it everywhere in the hub. */
@Entity
@Table(name = "member_library")
public class MemberLibrary extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 16)
    public String code;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(length = 100)
    public String region;

    @Column(precision = 12, scale = 2)
    public BigDecimal fte;

    @Column(name = "materials_budget", precision = 16, scale = 2)
    public BigDecimal materialsBudget;

    @Column(name = "contact_email", nullable = false, length = 254)
    public String contactEmail;

    @Embedded
    public ShippingAddress shippingAddress;

    @Column(nullable = false)
    public boolean active = true;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public int version;
}
