-- Every record of a batch belongs to the one member whose key sent it, so the hub checks (and key-share locks) that
-- member's row once per batch, in the batch's transaction, instead of PostgreSQL checking the foreign key row by row:
-- a thousand checks per batch took 7-20 ms inside the catalog-wide write lock. Members are never deleted (they are
-- deactivated), and no other statement writes catalog_record.member_id.
alter table catalog_record drop constraint catalog_record_member_id_fkey;
