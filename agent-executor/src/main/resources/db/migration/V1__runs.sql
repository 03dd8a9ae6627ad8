-- One row per run id: the run id is the idempotency key, so a redelivered or duplicated request
-- finds its run here instead of calling the LLM again.
CREATE TABLE runs (
    run_id         text        PRIMARY KEY,
    tenant         text        NOT NULL,
    agent          text        NOT NULL,
    session_id     text,
    status         text        NOT NULL
                   CHECK (status IN ('received', 'running', 'succeeded', 'failed', 'dead')),
    attempts       integer     NOT NULL DEFAULT 0,
    -- A running run belongs to one worker until its lease ends; after a crash it can be claimed again.
    lease_until    timestamptz,
    model          text,
    input_tokens   integer,
    output_tokens  integer,
    error_code     text,
    error_message  text,
    -- The result event as published, re-published verbatim for duplicates.
    result         jsonb,
    received_at    timestamptz NOT NULL DEFAULT now(),
    started_at     timestamptz,
    finished_at    timestamptz,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX runs_tenant_received_at ON runs (tenant, received_at);
CREATE INDEX runs_status_updated_at ON runs (status, updated_at);
