package org.consortiumhub.hub.procurement.costshare;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Divides a whole number of minor units in proportion to weights so that the parts sum exactly to the total:
 * the largest-remainder (Hamilton) method. Each part is its exact quota rounded down, and the units left over go
 * one each to the largest remainders; equal remainders go to the earlier weight, so the same input always gives
 * the same answer. Every part is within one unit of its exact quota.
 */
public final class Apportionment {

    private Apportionment() {
    }

    /**
     * @param total the amount to divide, not negative
     * @param weights non-negative whole-number weights with a positive sum
     */
    public static long[] largestRemainder(long total, List<BigInteger> weights) {
        if (total < 0) {
            throw new CostShareException("the amount to divide must not be negative, not " + total);
        }
        BigInteger sum = BigInteger.ZERO;
        for (BigInteger w : weights) {
            if (w.signum() < 0) {
                throw new CostShareException("weights must not be negative");
            }
            sum = sum.add(w);
        }
        if (sum.signum() == 0) {
            throw new CostShareException("no participant has any weight to divide the price by");
        }
        BigInteger whole = BigInteger.valueOf(total);
        long[] parts = new long[weights.size()];
        List<BigInteger> remainders = new ArrayList<>(weights.size());
        long given = 0;
        for (int i = 0; i < parts.length; i++) {
            BigInteger[] qr = whole.multiply(weights.get(i)).divideAndRemainder(sum);
            parts[i] = qr[0].longValueExact();
            given += parts[i];
            remainders.add(qr[1]);
        }
        long left = total - given;
        // Fewer units are left than there are weights (each remainder is below one unit), so one pass suffices.
        List<Integer> order = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            order.add(i);
        }
        order.sort((a, b) -> {
            int byRemainder = remainders.get(b).compareTo(remainders.get(a));
            return byRemainder != 0 ? byRemainder : Integer.compare(a, b);
        });
        for (int k = 0; k < left; k++) {
            parts[order.get(k)]++;
        }
        return parts;
    }
}
