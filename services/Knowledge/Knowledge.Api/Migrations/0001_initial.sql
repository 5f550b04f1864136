-- The knowledge schema as the service created it at every start before versioned migrations
-- (docs/migrations.md). Every statement is idempotent, so a database made by that start-up SQL
-- runs this script as a no-op and only gains its journal row.
CREATE SCHEMA IF NOT EXISTS knowledge;
CREATE TABLE IF NOT EXISTS knowledge.inbox (
    message_id uuid NOT NULL,
    consumer text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, consumer)
);
CREATE TABLE IF NOT EXISTS knowledge.concepts (
    key text PRIMARY KEY,
    phrases text[] NOT NULL,
    articles text[] NOT NULL,
    revision int NOT NULL,
    editor text NOT NULL,
    updated_at timestamptz NOT NULL,
    deleted boolean NOT NULL DEFAULT false
);
CREATE TABLE IF NOT EXISTS knowledge.concept_revisions (
    key text NOT NULL REFERENCES knowledge.concepts (key) ON DELETE CASCADE,
    revision int NOT NULL,
    phrases text[] NOT NULL,
    articles text[] NOT NULL,
    deleted boolean NOT NULL,
    editor text NOT NULL,
    edited_at timestamptz NOT NULL,
    PRIMARY KEY (key, revision)
);
CREATE TABLE IF NOT EXISTS knowledge.categories (
    slug text PRIMARY KEY,
    name text NOT NULL UNIQUE,
    position int NOT NULL
);
CREATE TABLE IF NOT EXISTS knowledge.products (
    code text PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE IF NOT EXISTS knowledge.articles (
    id uuid PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    title text NOT NULL,
    category text NOT NULL REFERENCES knowledge.categories (slug),
    products text[] NOT NULL,
    body text NOT NULL,
    status text NOT NULL CHECK (status IN ('draft', 'published')),
    revision int NOT NULL,
    seed_hash text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    published_at timestamptz
);
-- The catalog version of the article's last change: replicas fetch only what changed since theirs.
ALTER TABLE knowledge.articles ADD COLUMN IF NOT EXISTS changed_version bigint NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS articles_by_changed_version ON knowledge.articles (changed_version);
CREATE TABLE IF NOT EXISTS knowledge.article_revisions (
    article_id uuid NOT NULL REFERENCES knowledge.articles (id) ON DELETE CASCADE,
    revision int NOT NULL,
    title text NOT NULL,
    category text NOT NULL,
    products text[] NOT NULL,
    body text NOT NULL,
    editor text NOT NULL,
    edited_at timestamptz NOT NULL,
    PRIMARY KEY (article_id, revision)
);
-- Bumped in the same transaction as every article change; replicas compare it to rebuild their index.
CREATE TABLE IF NOT EXISTS knowledge.catalog_version (
    id int PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO knowledge.catalog_version VALUES (1, 0) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS knowledge.feedback (
    id bigserial PRIMARY KEY,
    article_id uuid NOT NULL REFERENCES knowledge.articles (id) ON DELETE CASCADE,
    helpful boolean NOT NULL,
    session_id text,
    given_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS feedback_one_vote_per_session ON knowledge.feedback (article_id, session_id) WHERE session_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS knowledge.funnel_events (
    id bigserial PRIMARY KEY,
    session_id text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('shown', 'opened')),
    slug text NOT NULL,
    occurred_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS funnel_events_by_slug ON knowledge.funnel_events (slug, session_id);
-- A session that went on to file an inquiry. The inquiry id goes on purge; the anonymous fact stays for the funnel.
CREATE TABLE IF NOT EXISTS knowledge.session_inquiries (
    session_id text NOT NULL,
    inquiry_id uuid UNIQUE,
    submitted_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS session_inquiries_by_session ON knowledge.session_inquiries (session_id);
CREATE TABLE IF NOT EXISTS knowledge.inquiry_suggestions (
    inquiry_id uuid NOT NULL,
    rank int NOT NULL,
    slug text NOT NULL,
    title text NOT NULL,
    score double precision NOT NULL,
    coverage double precision NOT NULL,
    suggested_at timestamptz NOT NULL,
    PRIMARY KEY (inquiry_id, rank)
);
-- No summary: the customer's words stay in Inquiry's sealed data; staff read them there by id.
CREATE TABLE IF NOT EXISTS knowledge.knowledge_gaps (
    inquiry_id uuid PRIMARY KEY,
    best_slug text,
    best_coverage double precision NOT NULL,
    submitted_at timestamptz NOT NULL
);
ALTER TABLE knowledge.knowledge_gaps DROP COLUMN IF EXISTS summary;
CREATE INDEX IF NOT EXISTS knowledge_gaps_by_time ON knowledge.knowledge_gaps (submitted_at DESC);
-- Ids only (no personal data): a purge that overtakes its inquiry's submission still wins.
CREATE TABLE IF NOT EXISTS knowledge.purged_inquiries (
    inquiry_id uuid PRIMARY KEY,
    purged_at timestamptz NOT NULL
);
INSERT INTO knowledge.categories (slug, name, position) VALUES
    ('mail-security', '메일보안장비', 1),
    ('usage-guide', '이용가이드', 2),
    ('security-notice', '정보공유', 3)
ON CONFLICT DO NOTHING;
INSERT INTO knowledge.products (code, name) VALUES
    ('TMSe', '스팸서버 (Terrace Mail Security)'),
    ('TMW', 'Mail Watcher')
ON CONFLICT DO NOTHING;ALTER TABLE knowledge.funnel_events ADD COLUMN IF NOT EXISTS query_terms text[];
CREATE TABLE IF NOT EXISTS knowledge.learned_terms (
    slug text NOT NULL,
    term text NOT NULL,
    weight real NOT NULL,
    support int NOT NULL,
    status text NOT NULL CHECK (status IN ('active', 'rejected')),
    reviewed_by text,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (slug, term)
);
