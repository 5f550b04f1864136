-- How many inquiries of each Korean submission day stand in each status and category now: the
-- counts the retention report and the operations view's backlog and intake read, a few rows per
-- day instead of one per inquiry. No personal data: a date, a status, a category, a count.
-- Kept in the same transaction as every write of the queue read model (inquiry.mt_doc_queue) by
-- the trigger function below, so they always equal a GROUP BY over the queue: the daemon's
-- projection, a rebuild (which truncates the queue), a purge or an erasure (which delete its
-- rows) move them with it. The trigger itself is attached once the queue table exists
-- (Inquiries/Reporting/QueueDayCounts.cs), since Marten creates that table after the migrations.
CREATE TABLE inquiry.queue_day_counts (
    day date NOT NULL,
    status text NOT NULL,
    category text,
    inquiries bigint NOT NULL,
    CONSTRAINT queue_day_counts_key UNIQUE NULLS NOT DISTINCT (day, status, category)
);

CREATE FUNCTION inquiry.count_queue_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM inquiry.queue_day_counts;
        RETURN NULL;
    END IF;
    -- Most writes (replies, notes, due times) leave the inquiry's day, status and category alone.
    IF TG_OP = 'UPDATE' AND NEW.submitted_at = OLD.submitted_at AND NEW.status = OLD.status
       AND (NEW.data ->> 'category') IS NOT DISTINCT FROM (OLD.data ->> 'category') THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE inquiry.queue_day_counts SET inquiries = inquiries - 1
        WHERE day = (OLD.submitted_at AT TIME ZONE 'Asia/Seoul')::date AND status = OLD.status
          AND category IS NOT DISTINCT FROM (OLD.data ->> 'category');
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO inquiry.queue_day_counts (day, status, category, inquiries)
        VALUES ((NEW.submitted_at AT TIME ZONE 'Asia/Seoul')::date, NEW.status, NEW.data ->> 'category', 1)
        ON CONFLICT ON CONSTRAINT queue_day_counts_key DO UPDATE SET inquiries = queue_day_counts.inquiries + 1;
    END IF;
    RETURN NULL;
END
$$;
