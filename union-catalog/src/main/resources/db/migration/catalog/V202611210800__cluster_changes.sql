-- Every change to a cluster (written or retired) gets a sequence number, so each hub replica's search index can
-- follow the catalog: it applies the changes after the last number it has. Ingest writes under the catalog write
-- lock, so numbers are committed in order.
create table catalog_cluster_change (
    seq         bigint generated always as identity primary key,
    cluster_id  bigint not null
);

-- Names this catalog, so a search index built from another database (or an older copy) is recognised and rebuilt.
create table catalog_identity (
    id  uuid not null default gen_random_uuid() primary key
);
insert into catalog_identity default values;
