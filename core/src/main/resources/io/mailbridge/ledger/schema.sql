-- The shared delivery ledger (mailbridge.ledger = jdbc). mailbridge runs this at every start, under an advisory
-- lock, so replicas starting at once do not race; every statement is idempotent. ${prefix} is the schema-qualified
-- table prefix (mailbridge.ledger.jdbc.schema and .tablePrefix; by default mailbridge_ in the user's search_path).

-- Who owns each bucket of accounts, under which fencing epoch: a node that takes a bucket raises its epoch, and
-- every ledger write names the epoch it was made under and is refused once the bucket's epoch has moved on.
CREATE TABLE IF NOT EXISTS ${prefix}owners (
    bucket      text        PRIMARY KEY,
    epoch       bigint      NOT NULL,
    node        text        NOT NULL,
    acquired_at timestamptz NOT NULL DEFAULT now()
);

-- Where consumption of each account's mailbox stands: every message up to high_water needs nothing more; one above
-- it and up to start_mark is consumed only when it matches the IMAP search key backfill.
CREATE TABLE IF NOT EXISTS ${prefix}cursors (
    account      text        NOT NULL,
    mailbox      text        NOT NULL,
    uid_validity bigint      NOT NULL,
    high_water   bigint      NOT NULL,
    start_mark   bigint      NOT NULL,
    backfill     text        NOT NULL,
    node         text        NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account, mailbox)
);

-- What happened to each message above its mailbox's high-water mark: failed (failures counts the attempts),
-- delivered (its downstream succeeded) or quarantined. Rows at or below the high-water mark are deleted as it
-- moves, and rows of a mailbox's previous UIDVALIDITY when the server rebuilt it.
CREATE TABLE IF NOT EXISTS ${prefix}deliveries (
    account      text        NOT NULL,
    mailbox      text        NOT NULL,
    uid_validity bigint      NOT NULL,
    uid          bigint      NOT NULL,
    state        text        NOT NULL CHECK (state IN ('failed', 'delivered', 'quarantined')),
    failures     integer     NOT NULL DEFAULT 0,
    last_failure text,
    node         text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account, mailbox, uid_validity, uid)
);
