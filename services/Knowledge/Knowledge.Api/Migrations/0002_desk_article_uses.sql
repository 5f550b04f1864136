-- Issue 25: an agent who inserts an article into a reply says this inquiry's summary means that
-- article. Only the summary's stems are kept (as funnel_events.query_terms), for learning; the row
-- goes when the inquiry is purged and its terms are forgotten after the learning window.
CREATE TABLE IF NOT EXISTS knowledge.desk_article_uses (
    inquiry_id uuid NOT NULL,
    slug text NOT NULL,
    query_terms text[],
    used_at timestamptz NOT NULL,
    PRIMARY KEY (inquiry_id, slug)
);
