-- The change log is pruned once every replica has had time to apply it; a replica whose index is older than what was
-- pruned rebuilds its index instead of missing changes.
alter table catalog_cluster_change add column changed_at timestamp(6) with time zone not null default now();
create index catalog_cluster_change_time_ix on catalog_cluster_change (changed_at);

create table catalog_change_pruned (
    id        integer primary key default 1 check (id = 1),
    upto_seq  bigint  not null
);
insert into catalog_change_pruned (upto_seq) values (0);
