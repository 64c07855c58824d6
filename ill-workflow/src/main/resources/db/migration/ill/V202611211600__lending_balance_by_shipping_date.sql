-- The rota weighs each candidate's loans out, and what it lent and borrowed over the last year. Counting the
-- borrowed side from the audit trail read every request the member ever made with its events, so each new request
-- cost more than the last. A request is shipped at most once; its shipping time on the request itself lets both
-- sides of the balance be counted from one index range each, and a partial index holds only the loans out now.
alter table ill_request add column shipped_at timestamp(6) with time zone;

update ill_request r set shipped_at = e.at
  from (select request_id, max(at) as at from ill_request_event where action = 'ship' group by request_id) e
 where e.request_id = r.id;

create index ill_request_lent_ix on ill_request (lender_id, shipped_at) where shipped_at is not null;
create index ill_request_borrowed_ix on ill_request (borrower_id, shipped_at) where shipped_at is not null;
create index ill_request_loans_out_ix on ill_request (lender_id)
    where service_type = 'LOAN'
      and state in ('WILL_SUPPLY', 'SHIPPED', 'RECEIVED', 'RENEW_REQUESTED', 'OVERDUE', 'RECALLED', 'SHIPPED_RETURN');
