/**
 * Clustering records into manifestations: verification of candidate matches and the {@link
 * org.consortiumhub.catalog.cluster.ClusterEngine}, a pure function from a batch's neighbourhood to a plan that
 * storage applies. {@link org.consortiumhub.catalog.cluster.InMemoryUnionCatalog} drives it over maps the way
 * storage drives it over tables.
 */
package org.consortiumhub.catalog.cluster;
