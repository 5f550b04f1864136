-- Issue 21, the email conversation.
-- The order deliveries were made in, for the References chain of the customer's emails (ids are
-- UUIDv7 from the service clock, which two deliveries of one instant can share).
ALTER TABLE notification.deliveries ADD COLUMN sequence bigint GENERATED ALWAYS AS IDENTITY;
-- A delivery status notification came back for the email: the customer's address does not take mail.
ALTER TABLE notification.deliveries DROP CONSTRAINT deliveries_status_check,
    ADD CONSTRAINT deliveries_status_check CHECK (status IN ('pending', 'sent', 'failed', 'cancelled', 'bounced'));
ALTER TABLE notification.deliveries ADD COLUMN bounced_at timestamptz;
-- How far the reader got in each folder of the support mailbox: the folder's UIDVALIDITY and the
-- highest UID handled. Nothing of any message (no address, subject or Message-ID) is kept.
CREATE TABLE notification.mailbox_cursors (
    folder text PRIMARY KEY,
    uid_validity bigint NOT NULL,
    last_uid bigint NOT NULL,
    updated_at timestamptz NOT NULL
);
