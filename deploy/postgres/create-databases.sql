-- The databases of deploy/compose.yaml: one per service, as the AppHost declares them
-- (AppHost/Program.cs; tests/Deploy.Tests holds the two together). The PostgreSQL image runs this
-- once, when it initialises an empty data volume; each service then creates its own schema inside.
CREATE DATABASE inquirydb;
CREATE DATABASE knowledgedb;
CREATE DATABASE notificationdb;
CREATE DATABASE agentdb;
-- Inquiry's shred list (ids of purged inquiries). Restore the service databases one by one
-- (pg_restore -d inquirydb …) and never this one from an older backup (docs/operations.md).
CREATE DATABASE shredlistdb;
