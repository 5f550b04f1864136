-- The notification schema as the service created it at every start before versioned migrations
-- (docs/migrations.md). Every statement is idempotent, so a database made by that start-up SQL
-- runs this script as a no-op and only gains its journal row.
CREATE SCHEMA IF NOT EXISTS notification;
CREATE TABLE IF NOT EXISTS notification.inbox (
    message_id uuid NOT NULL,
    consumer text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, consumer)
);
CREATE TABLE IF NOT EXISTS notification.deliveries (
    id uuid PRIMARY KEY,
    inquiry_id uuid NOT NULL,
    kind text NOT NULL CONSTRAINT deliveries_kind_check CHECK (kind IN ('receipt', 'reply', 'staff-alert', 'inquiry-links')),
    message_id uuid NOT NULL,
    consumer text NOT NULL,
    message_type text NOT NULL,
    request jsonb NOT NULL,
    recipient_hash text,
    status text NOT NULL DEFAULT 'pending' CONSTRAINT deliveries_status_check CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
    attempts integer NOT NULL DEFAULT 0,
    last_error text,
    created_at timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    locked_until timestamptz,
    sent_at timestamptz,
    failed_at timestamptz,
    CONSTRAINT deliveries_one_per_message_kind UNIQUE (message_id, consumer, kind)
);
-- A database from before emails were composed at send time held rendered emails and plain
-- SHA-256 recipient hashes: end what was pending (it cannot be composed again), then drop
-- both, once.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns
               WHERE table_schema = 'notification' AND table_name = 'deliveries' AND column_name = 'html_body') THEN
        UPDATE notification.deliveries SET status = 'failed', failed_at = now(), locked_until = NULL,
            last_error = 'stored before emails were composed at send time; not sent'
        WHERE status = 'pending';
        ALTER TABLE notification.deliveries
            DROP COLUMN recipient, DROP COLUMN subject, DROP COLUMN html_body, DROP COLUMN text_body,
            DROP CONSTRAINT IF EXISTS deliveries_one_per_message,
            DROP CONSTRAINT IF EXISTS deliveries_status_check,
            DROP CONSTRAINT IF EXISTS deliveries_kind_check,
            ALTER COLUMN recipient_hash DROP NOT NULL,
            ADD COLUMN message_type text NOT NULL DEFAULT '',
            ADD COLUMN request jsonb NOT NULL DEFAULT jsonb_build_object();
        UPDATE notification.deliveries SET recipient_hash = NULL;
        ALTER TABLE notification.deliveries
            ALTER COLUMN message_type DROP DEFAULT, ALTER COLUMN request DROP DEFAULT,
            ADD CONSTRAINT deliveries_status_check CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
            ADD CONSTRAINT deliveries_kind_check CHECK (kind IN ('receipt', 'reply', 'staff-alert', 'inquiry-links')),
            ADD CONSTRAINT deliveries_one_per_message_kind UNIQUE (message_id, consumer, kind);
    END IF;
END $$;
CREATE INDEX IF NOT EXISTS deliveries_by_inquiry ON notification.deliveries (inquiry_id);
CREATE INDEX IF NOT EXISTS deliveries_due ON notification.deliveries (next_attempt_at) WHERE status = 'pending';
CREATE TABLE IF NOT EXISTS notification.purged_inquiries (
    inquiry_id uuid PRIMARY KEY,
    purged_at timestamptz NOT NULL
);
