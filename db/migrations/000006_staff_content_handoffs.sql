-- Staff accounts: login and id are how they are found; the rest (hash, lockout, flags) is one document.
CREATE TABLE staff_accounts (
  id text PRIMARY KEY,
  login text NOT NULL UNIQUE,
  document jsonb NOT NULL
);

-- Signed-in staff, shared by every instance. The cookie's token is kept only as its SHA-256: a copy of this table
-- signs nobody in.
CREATE TABLE staff_sessions (
  token_hash text PRIMARY KEY,
  csrf_token text NOT NULL,
  staff_id text NOT NULL,
  last_seen_at timestamptz NOT NULL
);
CREATE INDEX staff_sessions_staff_id ON staff_sessions (staff_id);
CREATE INDEX staff_sessions_last_seen_at ON staff_sessions (last_seen_at);

-- Staff actions, append-only: rows are added, and dropped whole past retention; never changed.
CREATE TABLE audit_log (
  position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  staff_id text NOT NULL,
  login text NOT NULL,
  action text NOT NULL,
  conversation_id text,
  -- Masked facts only (see the AuditLog port).
  detail jsonb NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_conversation_id ON audit_log (conversation_id) WHERE conversation_id IS NOT NULL;
CREATE INDEX audit_log_staff_id ON audit_log (staff_id);
CREATE FUNCTION audit_log_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_update();

-- Content versions (not personal data). One row of state, locked by every change so that changes from all
-- instances run one at a time; `revision` moves with every change, so an instance rereads only what changed.
CREATE TABLE content_state (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  revision bigint NOT NULL DEFAULT 0,
  published integer,
  repository_hash text
);
INSERT INTO content_state DEFAULT VALUES;
CREATE TABLE content_versions (
  number integer PRIMARY KEY,
  document jsonb NOT NULL
);
CREATE TABLE content_blobs (
  hash text PRIMARY KEY,
  text text NOT NULL
);

-- Conversations handed to agents: one row per conversation (a new request replaces a closed one). A claim is one
-- UPDATE … WHERE state = 'waiting', so of two agents racing exactly one changes the row.
CREATE SEQUENCE handoff_arrivals;
CREATE TABLE handoffs (
  conversation_id text PRIMARY KEY,
  region text,
  state text NOT NULL CHECK (state IN ('waiting', 'claimed', 'closed')),
  enqueued_at timestamptz NOT NULL,
  -- Breaks ties between people queued in the same millisecond: first asked, first served.
  arrival bigint NOT NULL DEFAULT nextval('handoff_arrivals'),
  agent_id text,
  agent_name text,
  claimed_at timestamptz,
  closed_at timestamptz
);
CREATE INDEX handoffs_waiting ON handoffs (enqueued_at, arrival) WHERE state = 'waiting';

-- Callback requests: the phone number, the person's words and what was kept of the conversation are sealed under
-- the data key. A ticket an agent closed leaves the queue.
CREATE SEQUENCE callback_ticket_count;
CREATE TABLE callback_tickets (
  ticket_number text PRIMARY KEY,
  position bigint GENERATED ALWAYS AS IDENTITY,
  conversation_id text NOT NULL,
  region text,
  sealed text NOT NULL,
  created_at timestamptz NOT NULL,
  closed_at timestamptz,
  closed_by text
);
CREATE INDEX callback_tickets_open ON callback_tickets (position) WHERE closed_at IS NULL;
CREATE INDEX handoffs_closed ON handoffs (closed_at) WHERE state = 'closed';

-- Agents whose console is open (seen recently).
CREATE TABLE agent_presence (
  agent_id text PRIMARY KEY,
  seen_at timestamptz NOT NULL
);
