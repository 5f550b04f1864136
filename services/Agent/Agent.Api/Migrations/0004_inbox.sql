-- The consumer inbox (BuildingBlocks/Messaging): a message id per consumer, written with the
-- consumer's effects, so a redelivered message (Inquiry's reads through its API, for the access
-- log) is recorded once.
CREATE TABLE agent.inbox (
    message_id uuid NOT NULL,
    consumer text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, consumer)
);
