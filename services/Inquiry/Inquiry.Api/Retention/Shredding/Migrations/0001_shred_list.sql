-- The shred list (docs/operations.md, deploy/README.md): the id of every purged inquiry, in the
-- order of purging, in a store of its own that a restore of the service databases does not roll
-- back. Ids only: nothing personal, so it may be kept for ever.
CREATE TABLE shred_list.entries (
    position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    inquiry_id uuid NOT NULL,
    listed_at timestamptz NOT NULL
);
CREATE INDEX entries_inquiry ON shred_list.entries (inquiry_id);

-- Append-only: an entry, once written, is neither changed nor removed, whoever asks. (A role that
-- may only INSERT and SELECT is the second lock; deploy/README.md.)
CREATE FUNCTION shred_list.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the shred list is append-only';
END;
$$;
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON shred_list.entries
    FOR EACH ROW EXECUTE FUNCTION shred_list.refuse_change();
CREATE TRIGGER entries_no_truncate BEFORE TRUNCATE ON shred_list.entries
    FOR EACH STATEMENT EXECUTE FUNCTION shred_list.refuse_change();
