-- A run is identified by its tenant and run id: the same run id from another tenant is another run,
-- so no tenant can read, re-publish or end another tenant's run by sending its id. Existing rows keep
-- their ids, now under their own tenant.
ALTER TABLE runs DROP CONSTRAINT runs_pkey;
ALTER TABLE runs ADD PRIMARY KEY (tenant, run_id);

-- What the run was asked (SHA-256 of the request message) and where its result went: a resend of
-- the run id with another body is refused, and a finished run's result is published again only to
-- the subject it was published to first. Empty for runs stored before this migration.
ALTER TABLE runs ADD COLUMN request_sha256 text;
ALTER TABLE runs ADD COLUMN reply_subject text;
