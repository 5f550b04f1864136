CREATE TABLE IF NOT EXISTS inquiry.data_keys (
    inquiry_id uuid PRIMARY KEY,
    wrapped_key bytea NOT NULL,
    created_at timestamptz NOT NULL
);CREATE TABLE IF NOT EXISTS inquiry.attachments (
    id uuid PRIMARY KEY,
    inquiry_id uuid,
    file_name bytea NOT NULL,
    content_type text NOT NULL,
    size bigint NOT NULL,
    content bytea NOT NULL,
    wrapped_key bytea NOT NULL,
    uploaded_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS attachments_inquiry ON inquiry.attachments (inquiry_id);
CREATE INDEX IF NOT EXISTS attachments_unbound ON inquiry.attachments (uploaded_at) WHERE inquiry_id IS NULL;CREATE TABLE IF NOT EXISTS inquiry.purge_audit (
    inquiry_id uuid PRIMARY KEY,
    submitted_at timestamptz NOT NULL,
    last_business_activity_at timestamptz NOT NULL,
    deadline timestamptz NOT NULL,
    reason text NOT NULL CHECK (reason IN ('retention-expired', 'erasure-request')),
    policy_version text NOT NULL,
    events_deleted bigint NOT NULL,
    attachments_deleted int NOT NULL,
    purged_at timestamptz NOT NULL,
    run_id uuid NOT NULL
);
CREATE INDEX IF NOT EXISTS purge_audit_purged_at ON inquiry.purge_audit (purged_at);
