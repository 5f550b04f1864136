-- The desk's search over message text (summary, details, replies, notes): per inquiry the keyed
-- hashes of its texts' terms (normalised words and Hangul bigrams, 64 bits of an HMAC under the
-- lookup key named by key_id), never a word. Filled from the event log by the message-search
-- subscription, rebuilt from the sealed streams (`-- search-index rebuild`), re-hashed with the
-- lookup key, and deleted with the inquiry.
CREATE TABLE inquiry.message_search_terms (
    term bigint NOT NULL,
    inquiry_id uuid NOT NULL,
    key_id text NOT NULL,
    -- A term's postings with their key in the index itself: a search reads the index alone
    -- (index-only scan), never the rows scattered over the table in the order they were written.
    PRIMARY KEY (term, key_id, inquiry_id)
);
-- A purge, a rebuild and "similar to this inquiry" take one inquiry's terms.
CREATE INDEX message_search_terms_inquiry ON inquiry.message_search_terms (inquiry_id);
