-- A half-filled form keeps its session past the idle expiry until this time (FORM_RETENTION_HOURS); null: no form.
ALTER TABLE sessions ADD COLUMN retain_until timestamptz;
