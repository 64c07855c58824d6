-- A foreign key is checked by key-share locking the row it names. Every request, rota line, event and timer names a
-- member library, so every ILL transaction locked one of the consortium's few member rows, and all of them the same
-- few: PostgreSQL records several transactions' locks on one row as a multixact, which it creates anew (a copy of the
-- current lockers, written to the WAL) for each further locker, and the rows' one page was rewritten for every lock.
-- At a few hundred transitions a second that took a large share of the database's work, and every ILL transaction
-- queued on that page. The hub writes these columns only with ids it has just read from member_library, and members
-- are never deleted (V202611211900), so the checks guard nothing the hub does not already guarantee.
alter table ill_request drop constraint if exists ill_request_borrower_id_fkey;
alter table ill_request drop constraint if exists ill_request_lender_id_fkey;
alter table ill_rota_entry drop constraint if exists ill_rota_entry_member_id_fkey;
alter table ill_request_event drop constraint if exists ill_request_event_lender_id_fkey;
alter table ill_timer drop constraint if exists ill_timer_lender_id_fkey;
alter table ill_lending_day drop constraint if exists ill_lending_day_member_id_fkey;
