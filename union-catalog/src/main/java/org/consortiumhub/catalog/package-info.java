/**
 * The union catalog: reading and normalising members' MARC records, match keys, clustering records of the same
 * manifestation, holdings, and catalog storage and search. Matching and clustering are plain Java with no I/O.
 */
package org.consortiumhub.catalog;
