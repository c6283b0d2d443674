-- Conversation events (docs/events.md). No personal data: questions are masked before they get here and
-- conversations are pseudonyms. `document` is the whole event; the columns are what queries find rows by.
CREATE TABLE events (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  question text,
  region text,
  document jsonb NOT NULL,
  -- Events the runner may see more than once (a decision learned at every status question) are kept once.
  once text UNIQUE
);
CREATE INDEX events_at ON events (at);
CREATE INDEX events_questions_at ON events (at) WHERE question IS NOT NULL;

-- Counts per China day (YYYY-MM-DD) and kind, kept in the transaction that adds each event, so charts read a few
-- rows per day however many events there are. '' and -1 stand for "none" inside the key.
CREATE TABLE event_counts (
  day text NOT NULL,
  region text NOT NULL,
  type text NOT NULL,
  slot text NOT NULL,
  member smallint NOT NULL,
  outcome text NOT NULL,
  topic text NOT NULL,
  detail text NOT NULL,
  count bigint NOT NULL,
  PRIMARY KEY (day, region, type, slot, member, outcome, topic, detail)
);
CREATE INDEX event_counts_region_day ON event_counts (region, day);

-- Questions not answered confidently, masked, per question key, China day, region ('' for none) and outcome.
CREATE TABLE inbox_questions (
  key text NOT NULL,
  day text NOT NULL,
  region text NOT NULL,
  outcome text NOT NULL,
  question text NOT NULL,
  count integer NOT NULL,
  last_at timestamptz NOT NULL,
  PRIMARY KEY (key, day, region, outcome)
);
CREATE INDEX inbox_questions_day ON inbox_questions (day);
CREATE TABLE inbox_resolutions (
  key text PRIMARY KEY,
  resolution jsonb NOT NULL
);
