-- Each wrapped key names the master key that wrapped it, so several master keys can be in use
-- while a rotation re-wraps (docs/operations.md). Rows from before carry 'initial', the id the
-- configured PersonalData:MasterKey has when PersonalData:MasterKeyId is not set.
ALTER TABLE inquiry.data_keys ADD COLUMN master_key_id text NOT NULL DEFAULT 'initial';
ALTER TABLE inquiry.data_keys ALTER COLUMN master_key_id DROP DEFAULT;
CREATE INDEX data_keys_master_key ON inquiry.data_keys (master_key_id, inquiry_id);
-- Only an unbound upload's key is wrapped with a master key; a bound one's is wrapped with its
-- inquiry's data key, and has no master key id.
ALTER TABLE inquiry.attachments ADD COLUMN master_key_id text;
UPDATE inquiry.attachments SET master_key_id = 'initial' WHERE inquiry_id IS NULL;
ALTER TABLE inquiry.attachments ADD CONSTRAINT attachments_unbound_have_a_master_key
    CHECK ((inquiry_id IS NULL) = (master_key_id IS NOT NULL));
