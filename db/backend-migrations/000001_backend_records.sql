-- The back-end stub's records, in a schema of their own (the stub stands for another organisation's system).
-- Applications and bindings hold ID and phone numbers: each row's document is sealed under the data key, and a
-- binding is keyed by its application and a keyed hash (HMAC) of the member's ID number (`<application>/<hash>`),
-- never the number.
CREATE TABLE backend_meta (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  document jsonb NOT NULL
);
-- `added` keeps the order records were first written in (the file store's order), whatever is changed later.
CREATE TABLE backend_applications (
  id text PRIMARY KEY,
  added bigint GENERATED ALWAYS AS IDENTITY,
  sealed text NOT NULL
);
CREATE TABLE backend_bindings (
  key text PRIMARY KEY,
  added bigint GENERATED ALWAYS AS IDENTITY,
  sealed text NOT NULL
);
