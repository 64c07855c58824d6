package org.consortiumhub.hub.procurement.costshare;

/** What one member pays of a purchase, in the currency's minor units (cents, pence). */
public record CostShare(String memberCode, long amountMinor) {
}
