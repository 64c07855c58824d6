-- The rota weighs what each candidate lent and borrowed over the last year. Counting that from the requests read one
-- index entry per request shipped in the year, for every candidate of every new request: a member that ships
-- hundreds of loans a month made each request dearer than the last (3.5 ms of the database's time per request after
-- a few thousand loans, against 0.3 ms for everything else it does).
--
-- Shipping now adds a line for the lender (lent 1) and one for the borrower (borrowed 1) on that day (UTC): a plain
-- insert, so shipments of the same members at the same moment never wait for each other as they would updating one
-- counter. The ILL timer job folds each member's lines of a day into one and drops days older than the balance needs,
-- so a member's balance is a sum over at most about a year of lines, plus the few written since the last run.
create table ill_lending_day (
    member_id  bigint   not null references member_library (id),
    day        date     not null,
    lent       integer  not null,
    borrowed   integer  not null
);
create index ill_lending_day_member_ix on ill_lending_day (member_id, day);

insert into ill_lending_day (member_id, day, lent, borrowed)
select member_id, day, sum(lent), sum(borrowed)
  from (select lender_id as member_id, (shipped_at at time zone 'UTC')::date as day, 1 as lent, 0 as borrowed
          from ill_request where shipped_at is not null and lender_id is not null
        union all
        select borrower_id, (shipped_at at time zone 'UTC')::date, 0, 1
          from ill_request where shipped_at is not null) s
 group by member_id, day;

-- Nothing else looks a request up by its shipping time; without these, shipping updates the request in place too.
drop index ill_request_lent_ix;
drop index ill_request_borrowed_ix;
