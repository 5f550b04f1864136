-- Satisfaction surveys (Inquiry's SatisfactionSurveyRequested) are a delivery kind of their own.
ALTER TABLE notification.deliveries DROP CONSTRAINT deliveries_kind_check;
ALTER TABLE notification.deliveries ADD CONSTRAINT deliveries_kind_check CHECK (kind IN ('receipt', 'reply', 'staff-alert', 'inquiry-links', 'reminder', 'survey'));
