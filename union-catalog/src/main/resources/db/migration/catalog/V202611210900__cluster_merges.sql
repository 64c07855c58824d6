-- When clusters merge, the retired cluster's id stays followable: a request or bookmark naming it finds the cluster
-- its records joined.
create table catalog_cluster_merge (
    retired_id  bigint primary key,
    into_id     bigint not null
);
