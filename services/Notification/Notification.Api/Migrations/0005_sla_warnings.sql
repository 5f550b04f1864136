-- Issue 22: SLA warnings (Inquiry's SlaWarningRaised) to the support team are a delivery kind of their own.
ALTER TABLE notification.deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE notification.deliveries ADD CONSTRAINT deliveries_kind_check
    CHECK (kind IN ('receipt', 'reply', 'staff-alert', 'inquiry-links', 'reminder', 'survey', 'sla-warning'));
-- A delivery that must happen once for what it is about, whatever message brought it: the kind and
-- the composer's key of ids and times (an SLA warning: inquiry, target, its start, threshold).
-- Null for deliveries once per message, which the inbox already guards.
ALTER TABLE notification.deliveries ADD COLUMN once_key text;
CREATE UNIQUE INDEX deliveries_once ON notification.deliveries (once_key);
