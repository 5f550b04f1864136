-- The response times of each Korean day of completion as histograms of business minutes, per kind
-- (first response, resolution, next response), priority and agent (who made the first response,
-- who answered last, who made the next response; none when closing completed it): what the
-- operations view's medians, p90s and targets met are read from, a few rows per day instead of
-- one document per inquiry. Each response is counted three times: in its day's row (`span` 'day',
-- per priority and agent) and twice in its Korean ISO week's (`day` its Monday): once per priority
-- with the agents rolled up (`span` 'week_priority', no agent) and once per agent with the
-- priorities rolled up (`span` 'week_agent', no priority). The report's table per week and
-- priority reads the first, its table per agent the second, and the days at the period's ends
-- serve both, so a period reads its whole weeks from week rows and only the days at its ends from
-- day rows, and no response is counted twice in either table. Kept apart, a year's week rows are
-- 53 × 3 × (4 priorities + 13 agents) instead of 53 × 3 × 4 × 13: at a million inquiries' density a
-- year reads 3,722 rows instead of 9,182, and packed (below) 430,394 array elements instead of
-- 998,428 (docs/benchmarks.md, issue 22). Besides the agent's id and name (staff, as the read model
-- holds them), only a date, a kind, a priority and counts.
-- `bucket_counts` holds one element per bucket (inquiry.business_minute_bucket) any response of the
-- row ever fell in: the bucket in the high 32 bits, its count in the low 32 (bucket << 32 | count),
-- half the elements of a bucket array beside a count array, so a row is as small as the responses
-- it counts (a count can be 0 after an update or a purge).
-- Kept in the same transaction as every write of the response-time read model
-- (inquiry.mt_doc_response_time) by the trigger function below, which takes away what the old row
-- counted and adds what the new one counts, so they always equal a recount of the documents: the
-- daemon's projection, a rebuild (which truncates the table), a purge or an erasure (which delete
-- its rows) move them with it. The trigger is attached once the table exists
-- (Inquiries/Reporting/ResponseTimeHistograms.cs), since Marten creates it after the migrations.
CREATE TABLE inquiry.response_time_histograms (
    span text NOT NULL CHECK (span IN ('day', 'week_priority', 'week_agent')),
    day date NOT NULL,
    kind text NOT NULL,
    priority text,
    agent_id uuid,
    agent_name text,
    responses bigint NOT NULL,
    met bigint NOT NULL,
    bucket_counts bigint[] NOT NULL,
    CONSTRAINT response_time_histograms_key UNIQUE NULLS NOT DISTINCT (span, day, kind, priority, agent_id, agent_name)
);

-- Business minutes to bucket: one per minute below 64, then 32 per doubling (BusinessMinuteBuckets.cs).
CREATE FUNCTION inquiry.business_minute_bucket(minutes integer) RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE WHEN minutes < 64 THEN greatest(minutes, 0)
                ELSE 32 * shift + (minutes >> shift) END
    FROM (SELECT 27 - position('1' IN minutes::bit(32)::text) AS shift) s
$$;

-- `bucket_counts` with `responses` added to `bucket`'s count (a new element at the end for a bucket
-- not there yet; a count only falls by what was added to it before, so it never goes below 0).
CREATE FUNCTION inquiry.bucket_counts_plus(bucket_counts bigint[], bucket integer, responses bigint) RETURNS bigint[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE WHEN EXISTS (SELECT FROM unnest(bucket_counts) e WHERE e >> 32 = bucket)
                THEN ARRAY(SELECT CASE WHEN e >> 32 = bucket THEN e + responses ELSE e END
                           FROM unnest(bucket_counts) WITH ORDINALITY u(e, place) ORDER BY place)
                ELSE bucket_counts || ((bucket::bigint << 32) | responses) END
$$;

-- What one response-time document counts: its first response, its resolution and each next response.
CREATE FUNCTION inquiry.response_time_contributions(first_responded_at timestamptz, resolved_at timestamptz, data jsonb)
RETURNS TABLE (day date, kind text, priority text, agent_id uuid, agent_name text, minutes integer, met boolean)
LANGUAGE sql STABLE AS $$
    SELECT (first_responded_at AT TIME ZONE 'Asia/Seoul')::date, 'first', data ->> 'priority',
           (data ->> 'firstResponderId')::uuid, data ->> 'firstResponderName',
           (data ->> 'firstResponseMinutes')::integer, (data ->> 'firstResponseMet')::boolean
    WHERE first_responded_at IS NOT NULL
    UNION ALL
    SELECT (resolved_at AT TIME ZONE 'Asia/Seoul')::date, 'resolution', data ->> 'priority',
           (data ->> 'lastResponderId')::uuid, data ->> 'lastResponderName',
           (data ->> 'resolutionMinutes')::integer, (data ->> 'resolutionMet')::boolean
    WHERE resolved_at IS NOT NULL
    UNION ALL
    SELECT ((e ->> 'completedAt')::timestamptz AT TIME ZONE 'Asia/Seoul')::date, 'next', data ->> 'priority',
           (e ->> 'agentId')::uuid, e ->> 'agentName', (e ->> 'minutes')::integer, (e ->> 'met')::boolean
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(data -> 'nextResponses') = 'array' THEN data -> 'nextResponses' ELSE '[]' END) e
$$;

CREATE FUNCTION inquiry.count_response_times() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    change record;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM inquiry.response_time_histograms;
        RETURN NULL;
    END IF;
    -- Most writes (a note, a due time, a follow-up) change nothing counted: old and new cancel out.
    FOR change IN
        SELECT s.span, s.day, c.kind, s.priority, s.agent_id, s.agent_name, inquiry.business_minute_bucket(c.minutes) AS bucket,
               sum(c.sign)::bigint AS responses, coalesce(sum(c.sign) FILTER (WHERE c.met), 0)::bigint AS met
        FROM (
            SELECT o.*, -1 AS sign FROM inquiry.response_time_contributions(OLD.first_responded_at, OLD.resolved_at, OLD.data) o
            WHERE TG_OP IN ('UPDATE', 'DELETE')
            UNION ALL
            SELECT n.*, 1 FROM inquiry.response_time_contributions(NEW.first_responded_at, NEW.resolved_at, NEW.data) n
            WHERE TG_OP IN ('INSERT', 'UPDATE')
        ) c
        CROSS JOIN LATERAL (VALUES
            ('day', c.day, c.priority, c.agent_id, c.agent_name),
            ('week_priority', c.day - (extract(isodow FROM c.day)::integer - 1), c.priority, NULL::uuid, NULL::text),
            ('week_agent', c.day - (extract(isodow FROM c.day)::integer - 1), NULL::text, c.agent_id, c.agent_name)) s(span, day, priority, agent_id, agent_name)
        GROUP BY 1, 2, 3, 4, 5, 6, 7
        HAVING sum(c.sign) <> 0 OR coalesce(sum(c.sign) FILTER (WHERE c.met), 0) <> 0
    LOOP
        -- A response without minutes (never written so) is counted, as count(*) counts a row percentile_cont skips, in no bucket.
        INSERT INTO inquiry.response_time_histograms AS h (span, day, kind, priority, agent_id, agent_name, responses, met, bucket_counts)
        VALUES (change.span, change.day, change.kind, change.priority, change.agent_id, change.agent_name, change.responses, change.met,
                CASE WHEN change.bucket IS NULL THEN '{}' ELSE ARRAY[(change.bucket::bigint << 32) | change.responses] END)
        ON CONFLICT ON CONSTRAINT response_time_histograms_key
        DO UPDATE SET responses = h.responses + change.responses, met = h.met + change.met,
                      bucket_counts = coalesce(inquiry.bucket_counts_plus(h.bucket_counts, change.bucket, change.responses), h.bucket_counts);
        IF change.responses < 0 THEN
            DELETE FROM inquiry.response_time_histograms
            WHERE span = change.span AND day = change.day AND kind = change.kind AND priority IS NOT DISTINCT FROM change.priority
              AND agent_id IS NOT DISTINCT FROM change.agent_id AND agent_name IS NOT DISTINCT FROM change.agent_name
              AND responses = 0;
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;
