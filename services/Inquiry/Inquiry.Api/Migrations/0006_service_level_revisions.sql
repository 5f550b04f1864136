-- Every revision of the SLA policy and the calendar's dated exceptions, kept forever, so a figure
-- that names its policy revision can always be explained. Revision 1 is the configuration's; an
-- admin's save adds the next number (the number is the If-Match version). Staff ids only.
CREATE TABLE inquiry.service_level_revisions (
    number integer PRIMARY KEY,
    name text NOT NULL UNIQUE,
    targets jsonb NOT NULL,
    exceptions jsonb NOT NULL,
    changes jsonb NOT NULL,
    revised_by uuid,
    revised_at timestamptz NOT NULL
);

-- The rebuilds of the SLA read models an admin asked for: the replica holding the async daemon
-- takes the oldest waiting one, so a request made on any replica runs once.
CREATE TABLE inquiry.read_model_rebuilds (
    id uuid PRIMARY KEY,
    revision integer NOT NULL,
    requested_by uuid NOT NULL,
    requested_at timestamptz NOT NULL,
    started_at timestamptz,
    finished_at timestamptz,
    failure text
);
CREATE UNIQUE INDEX read_model_rebuilds_one_unfinished ON inquiry.read_model_rebuilds ((true)) WHERE finished_at IS NULL;
