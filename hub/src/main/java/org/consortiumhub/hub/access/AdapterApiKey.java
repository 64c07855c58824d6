package org.consortiumhub.hub.access;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.consortiumhub.hub.membership.MemberLibrary;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An API key a member's adapter uses. Only the hash of its secret is kept. */
@Entity
@Table(name = "adapter_api_key")
public class AdapterApiKey extends PanacheEntityBase {

    @Id
    @Column(length = 24)
    public String id;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "member_id", nullable = false)
    public MemberLibrary member;

    @Column(nullable = false, length = 100)
    public String label;

    @Column(name = "secret_hash", nullable = false, length = 64)
    public String secretHash;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false, length = 64)
    public String createdBy;

    @Column(name = "last_used_at")
    public OffsetDateTime lastUsedAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    @Column(name = "revoked_by", length = 64)
    public String revokedBy;
}
