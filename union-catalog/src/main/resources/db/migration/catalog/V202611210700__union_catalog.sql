-- The union catalog: every member's records, the clusters that group records of one manifestation, and the
-- match keys that find candidate matches. Written in bulk by catalog ingest; read by search.

create sequence catalog_record_id_seq;
create sequence catalog_cluster_id_seq;

create table catalog_record (
    id              bigint       primary key,
    member_id       bigint       not null references member_library (id),
    local_id        varchar(100) not null,
    cluster_id      bigint       not null,
    -- 64-bit hash of the record as received: an identical record sent again is recognised as unchanged.
    content_hash    bigint       not null,
    -- The record's match keys (64-bit hashes), so an update can remove exactly the keys it had.
    match_keys      bigint[]     not null,
    -- The record itself, ISO 2709 in UTF-8, deflated.
    marc            bytea        not null,
    -- The normalised match points clustering compares (see ProfileCodec), so neighbours are not re-read.
    profile         bytea        not null,
    title           text,
    author          text,
    pub_year        smallint,
    format          varchar(20)  not null,
    language        varchar(3),
    items           integer      not null default 0,
    lendable_items  integer      not null default 0,
    holdings        jsonb,
    updated_at      timestamp(6) with time zone not null
);
create unique index catalog_record_member_local_uk on catalog_record (member_id, local_id);
create index catalog_record_cluster_ix on catalog_record (cluster_id);

-- Which records carry which match key; the primary key is the lookup path (key first).
create table catalog_match_key (
    key        bigint not null,
    record_id  bigint not null,
    primary key (key, record_id)
);

create table catalog_cluster (
    id                   bigint   primary key,
    preferred_record_id  bigint   not null,
    title                text     not null,
    author               text,
    pub_year             smallint,
    format               varchar(20) not null,
    language             varchar(3),
    record_count         integer  not null,
    -- Members holding the manifestation, and those with at least one lendable item, for filters and facets.
    member_ids           bigint[] not null,
    lendable_member_ids  bigint[] not null,
    -- Per member: items and lendable items, as [{"m": member id, "i": items, "l": lendable}].
    holdings             jsonb    not null,
    search               tsvector not null,
    updated_at           timestamp(6) with time zone not null
);
create index catalog_cluster_search_ix on catalog_cluster using gin (search);
create index catalog_cluster_members_ix on catalog_cluster using gin (member_ids);
create index catalog_cluster_year_ix on catalog_cluster (pub_year);
