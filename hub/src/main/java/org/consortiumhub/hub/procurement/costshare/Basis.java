package org.consortiumhub.hub.procurement.costshare;

/** What a part of a cost-share formula divides the price by. */
public enum Basis {
    /** Every participating member pays the same. */
    EQUAL,
    /** In proportion to each member's full-time-equivalent students and staff. */
    FTE,
    /** In proportion to each member's materials (acquisitions) budget. */
    MATERIALS_BUDGET,
    /** In proportion to each member's recorded use of the resource. */
    USAGE,
    /** Only the members that hold the resource pay, equally among them. */
    HOLDERS
}
