-- The access log (개인정보 접속기록): one row per staff action that showed or handed out personal
-- data, ids only. Rows are chained: each row's hash covers the previous row's hash, so an edit, a
-- deletion or an insertion in the middle shows in `verify-access-log`. Ids are gap-free (assigned
-- under a lock as the last id + 1), so a deleted row shows even without the hashes.
CREATE TABLE agent.access_log (
    id bigint PRIMARY KEY,
    at timestamp with time zone NOT NULL,
    staff_id uuid NOT NULL,
    roles character varying(100) NOT NULL,
    client_address character varying(45),
    action character varying(64) NOT NULL,
    inquiry_id uuid,
    item_id uuid,
    record_count integer,
    reason character varying(64),
    previous_hash bytea NOT NULL,
    hash bytea NOT NULL
);
CREATE INDEX access_log_at ON agent.access_log (at);
CREATE INDEX access_log_staff_at ON agent.access_log (staff_id, at);
CREATE INDEX access_log_inquiry ON agent.access_log (inquiry_id) WHERE inquiry_id IS NOT NULL;

-- Append-only: no update, no truncate, and a delete only inside the retention purge's transaction
-- (which sets agent.access_log_purge). Someone with the owner's rights can still drop the trigger;
-- the hash chain is what makes that visible.
CREATE FUNCTION agent.access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('agent.access_log_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'agent.access_log is append-only (% refused)', TG_OP;
END
$$;
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON agent.access_log
    FOR EACH ROW EXECUTE FUNCTION agent.access_log_append_only();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON agent.access_log
    FOR EACH STATEMENT EXECUTE FUNCTION agent.access_log_append_only();

-- Every retention purge of the access log: how many rows, through which id, and the hash of the
-- last row it removed, from which verification of the remaining chain starts.
CREATE TABLE agent.access_log_purges (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id uuid NOT NULL,
    purged_at timestamp with time zone NOT NULL,
    older_than timestamp with time zone NOT NULL,
    retention character varying(40) NOT NULL,
    through_id bigint NOT NULL,
    through_hash bytea NOT NULL,
    removed integer NOT NULL
);

-- The monthly inspection (점검) of the access log: who inspected which month, and what they noted.
CREATE TABLE agent.access_log_inspections (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    month date NOT NULL,
    inspected_at timestamp with time zone NOT NULL,
    inspector_id uuid NOT NULL,
    notes character varying(2000) NOT NULL
);
CREATE INDEX access_log_inspections_month ON agent.access_log_inspections (month);

-- Data subjects' requests (열람 요구, PIPA art. 35; 정정 요구, art. 36): the officer's reference,
-- when it came in, the 10-day deadline, what was done and when it was answered. No address, no
-- name: the address is typed in, used once and dropped.
CREATE TABLE agent.subject_requests (
    id uuid PRIMARY KEY,
    kind character varying(16) NOT NULL CHECK (kind IN ('access', 'correction')),
    reference character varying(40) NOT NULL,
    received_at timestamp with time zone NOT NULL,
    due_at timestamp with time zone NOT NULL,
    received_by uuid NOT NULL,
    inquiries integer,
    export_id uuid,
    corrected_field character varying(16),
    downloaded_at timestamp with time zone,
    answered_at timestamp with time zone,
    answered_by uuid
);
CREATE INDEX subject_requests_received_at ON agent.subject_requests (received_at);
