-- Every batch rewrites the display and search row of each cluster it touches. Search is answered by each replica's
-- search index (kept in step through catalog_cluster_change), so PostgreSQL's full-text and member indexes on the
-- clusters served only the fallback used while a replica builds its index, and every rewritten row paid for them: a
-- new entry per lexeme and per member in two GIN indexes, and no in-place (HOT) update possible. Without them, and
-- with room left on each page, a cluster's new version is written beside the old one and no index changes. The
-- fallback still answers the same searches, by reading the clusters table.
drop index catalog_cluster_search_ix;
drop index catalog_cluster_members_ix;
alter table catalog_cluster set (fillfactor = 80);
