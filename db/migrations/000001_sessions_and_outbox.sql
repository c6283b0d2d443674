-- Conversations between turns and the applications people confirmed, until the back end has them.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  -- The whole stored session (state and recent transcript), sealed with the data key: it holds personal data.
  document text NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX sessions_updated_at ON sessions (updated_at);

CREATE TABLE outbox (
  key text PRIMARY KEY,
  session_id text NOT NULL,
  -- Sealed like sessions.document.
  request text NOT NULL,
  created_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  state text NOT NULL CHECK (state IN ('pending', 'filed', 'refused')),
  result text,
  settled_at timestamptz,
  -- Several instances work the outbox: a claimed entry is theirs until the lease ends (FOR UPDATE SKIP LOCKED).
  lease_until timestamptz
);
CREATE INDEX outbox_pending ON outbox (created_at) WHERE state = 'pending';
CREATE INDEX outbox_settled ON outbox (settled_at) WHERE state <> 'pending';
