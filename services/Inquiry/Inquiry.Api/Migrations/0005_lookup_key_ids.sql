-- Each inquiry's data-key row names the lookup key its keyed hashes (email, search terms) were made
-- with, so a lookup key rotation re-hashes exactly the inquiries on another key and says when an old
-- key is no longer used (docs/operations.md). Rows from before carry 'initial', the id the configured
-- PersonalData:LookupKey has when PersonalData:LookupKeyId is not set; null means hashes of more than
-- one key (a correction made with another key than the rest), which the re-hash takes too.
ALTER TABLE inquiry.data_keys ADD COLUMN lookup_key_id text DEFAULT 'initial';
ALTER TABLE inquiry.data_keys ALTER COLUMN lookup_key_id DROP DEFAULT;
CREATE INDEX data_keys_lookup_key ON inquiry.data_keys (lookup_key_id, inquiry_id);
