-- Most transitions change a request's state and nothing else that is indexed. While indexes named the state (the
-- borrower's and the lender's queues, the partial index of loans out), each transition wrote a new entry into every
-- index of the request and left the old ones for vacuum to remove: a loan's six state changes made seven versions of
-- the row in each index, and every read of the request by id, and every count of a member's lending, stepped over the
-- dead ones. With no index naming the state, and room left on each page, PostgreSQL updates the row in place (a
-- heap-only tuple): no index entry is written and the page's old versions are pruned as it is read. Only the steps
-- that change an indexed column still write index entries: sending to a lender (lender_id) and shipping (shipped_at).

-- The loans each lender has out now (promised, shipped, with the borrower or on their way back), which the rota weighs
-- against the lender's limit: a row while the loan is in one of those states, written and removed by the transitions
-- that enter and leave them. lender_id is the request's lender, kept here so that a lender's count is one index range.
create table ill_loan_out (
    request_id  bigint  primary key references ill_request (id),
    lender_id   bigint  not null
);
create index ill_loan_out_lender_ix on ill_loan_out (lender_id);

insert into ill_loan_out (request_id, lender_id)
select id, lender_id from ill_request
 where service_type = 'LOAN' and lender_id is not null
   and state in ('WILL_SUPPLY', 'SHIPPED', 'RECEIVED', 'RENEW_REQUESTED', 'OVERDUE', 'RECALLED', 'SHIPPED_RETURN');

drop index ill_request_loans_out_ix;
-- the borrower's requests are the leading column of ill_request_patron_ix; the queues filter the state on the rows
drop index ill_request_borrower_ix;
drop index ill_request_lender_ix;
create index ill_request_lender_ix on ill_request (lender_id);

-- room on each page for the new versions of its rows (new pages only; a request's updates come within days of it)
alter table ill_request set (fillfactor = 70);
alter table ill_rota_entry set (fillfactor = 80);
