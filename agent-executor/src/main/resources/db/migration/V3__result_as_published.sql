-- The result event is kept as the exact text that was published, so that a duplicate or a
-- redelivery of a finished run re-publishes the same bytes (jsonb re-serialises: key order and
-- spacing change). Existing rows keep their results in jsonb's text form. Cast to jsonb to query it.
ALTER TABLE runs ALTER COLUMN result TYPE text USING result::text;
