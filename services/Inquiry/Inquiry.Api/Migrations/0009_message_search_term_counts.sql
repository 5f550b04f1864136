-- How many inquiries hold each term of the message search index, per lookup key: what lets a
-- search read a rare term's postings whole and a common one's only newest (MessageSearchPlan),
-- so its cost is bounded by the query, not by how common its words are. Keyed hashes and counts
-- only, never a word. Kept by every writer of the index in its own transaction (the subscription,
-- the rebuild, the re-hash, the purge and the shred replay), a row deleted when its count reaches
-- zero, and recounted from the index by `-- search-index rebuild`.
CREATE TABLE inquiry.message_search_term_counts (
    term bigint NOT NULL,
    key_id text NOT NULL,
    inquiries integer NOT NULL,
    PRIMARY KEY (term, key_id)
);
INSERT INTO inquiry.message_search_term_counts (term, key_id, inquiries)
SELECT term, key_id, count(*) FROM inquiry.message_search_terms GROUP BY term, key_id;
