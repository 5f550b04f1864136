-- Access-request exports (열람 요구, PIPA art. 35): the ZIP of one data subject's inquiries,
-- encrypted with a key made for the export and handed to the desk, never stored here. A row lives
-- until it is downloaded (once) or expires (24 h at most), or until a purge of one of its
-- inquiries, whichever comes first.
CREATE TABLE inquiry.subject_exports (
    id uuid PRIMARY KEY,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    inquiry_ids uuid[] NOT NULL,
    sealed_zip bytea NOT NULL
);
CREATE INDEX subject_exports_expires_at ON inquiry.subject_exports (expires_at);
CREATE INDEX subject_exports_inquiries ON inquiry.subject_exports USING gin (inquiry_ids);

-- The destruction ledger's lines for exports that expired undownloaded: counts only.
CREATE TABLE inquiry.subject_export_purges (
    run_id uuid PRIMARY KEY,
    purged_at timestamptz NOT NULL,
    exports integer NOT NULL
);
