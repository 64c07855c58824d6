-- Web console sessions, kept in the database so that every hub replica knows them and logging out ends a
-- session everywhere at once. The browser holds a random token; only its SHA-256 is stored.
create table console_session (
    token_hash    bytea        primary key,
    username      varchar(64)  not null references staff_user (username) on delete cascade,
    -- The console's anti-forgery token: every state-changing console request must carry it.
    csrf_token    varchar(64)  not null,
    created_at    timestamp(6) with time zone not null,
    last_seen_at  timestamp(6) with time zone not null,
    expires_at    timestamp(6) with time zone not null
);
create index console_session_username_ix on console_session (username);
create index console_session_expires_ix on console_session (expires_at);

-- Failed console logins per user name (existing or not), so that password guessing is slowed down on every
-- replica alike.
create table console_login_failure (
    username   varchar(64) not null,
    failed_at  timestamp(6) with time zone not null
);
create index console_login_failure_ix on console_login_failure (username, failed_at);
