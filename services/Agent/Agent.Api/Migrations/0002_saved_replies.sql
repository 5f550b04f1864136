-- Saved replies (저장된 답변): Markdown templates with {{variables}}, shared by the team (owner_id
-- null) or personal to one member (owner_id). They hold what staff wrote and never the values that
-- fill the variables: those are read from Inquiry when a reply is inserted into an answer.
-- Every save is a revision; the reply row carries the current one.
CREATE TABLE agent.saved_replies (
    id uuid PRIMARY KEY,
    owner_id uuid REFERENCES agent."AspNetUsers" ("Id") ON DELETE CASCADE,
    title character varying(100) NOT NULL,
    body text NOT NULL,
    revision integer NOT NULL,
    updated_at timestamp with time zone NOT NULL
);
CREATE INDEX saved_replies_owner ON agent.saved_replies (owner_id);
CREATE TABLE agent.saved_reply_revisions (
    reply_id uuid NOT NULL REFERENCES agent.saved_replies (id) ON DELETE CASCADE,
    revision integer NOT NULL,
    title character varying(100) NOT NULL,
    body text NOT NULL,
    edited_at timestamp with time zone NOT NULL,
    edited_by uuid NOT NULL,
    PRIMARY KEY (reply_id, revision)
);
