-- How far into the shred list this database has applied purges. A purge moves it in its own
-- transaction; a restored database is behind the list, which is how a start notices a restore
-- and re-applies the purges after the mark before serving anything (Retention/Shredding).
CREATE TABLE inquiry.shred_watermark (
    single boolean PRIMARY KEY DEFAULT true CHECK (single),
    position bigint NOT NULL
);
INSERT INTO inquiry.shred_watermark (position) VALUES (0);
