-- The rota counts each candidate's lending over the last year from the audit trail; this index answers it without
-- reading the whole trail.
create index ill_request_event_lending_ix on ill_request_event (lender_id, action, at);
