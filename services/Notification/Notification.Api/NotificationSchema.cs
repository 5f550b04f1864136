using Npgsql;
using SupportPlatform.Messaging;
using SupportPlatform.Postgres;

namespace SupportPlatform.Notification;

/// <summary>
/// The <c>notification</c> schema. A delivery row is the outbox of one email while it is pending and
/// the delivery log afterwards. It never holds an address, content or link: it keeps the ids-only
/// message it came from (<c>request</c>), and the email is composed from Inquiry's internal API each
/// time it is sent. The log keeps what an operator needs — kind (template), status, attempts, times
/// and a keyed hash of the recipient once known. A purge deletes the rows.
/// <c>purged_inquiries</c> holds only ids, so a late or replayed event about a purged inquiry
/// cannot bring personal data back.
/// </summary>
public static class NotificationSchema
{
    public const string Name = "notification";

    public static string Sql => Inbox.Sql(Name) + $"""
        CREATE TABLE IF NOT EXISTS {Name}.deliveries (
            id uuid PRIMARY KEY,
            inquiry_id uuid NOT NULL,
            kind text NOT NULL CONSTRAINT deliveries_kind_check CHECK (kind IN ('receipt', 'reply', 'staff-alert', 'inquiry-links')),
            message_id uuid NOT NULL,
            consumer text NOT NULL,
            message_type text NOT NULL,
            request jsonb NOT NULL,
            recipient_hash text,
            status text NOT NULL DEFAULT 'pending' CONSTRAINT deliveries_status_check CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
            attempts integer NOT NULL DEFAULT 0,
            last_error text,
            created_at timestamptz NOT NULL,
            next_attempt_at timestamptz NOT NULL,
            locked_until timestamptz,
            sent_at timestamptz,
            failed_at timestamptz,
            CONSTRAINT deliveries_one_per_message_kind UNIQUE (message_id, consumer, kind)
        );
        -- A database from before emails were composed at send time held rendered emails and plain
        -- SHA-256 recipient hashes: end what was pending (it cannot be composed again), then drop
        -- both, once.
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM information_schema.columns
                       WHERE table_schema = '{Name}' AND table_name = 'deliveries' AND column_name = 'html_body') THEN
                UPDATE {Name}.deliveries SET status = 'failed', failed_at = now(), locked_until = NULL,
                    last_error = 'stored before emails were composed at send time; not sent'
                WHERE status = 'pending';
                ALTER TABLE {Name}.deliveries
                    DROP COLUMN recipient, DROP COLUMN subject, DROP COLUMN html_body, DROP COLUMN text_body,
                    DROP CONSTRAINT IF EXISTS deliveries_one_per_message,
                    DROP CONSTRAINT IF EXISTS deliveries_status_check,
                    DROP CONSTRAINT IF EXISTS deliveries_kind_check,
                    ALTER COLUMN recipient_hash DROP NOT NULL,
                    ADD COLUMN message_type text NOT NULL DEFAULT '',
                    ADD COLUMN request jsonb NOT NULL DEFAULT jsonb_build_object();
                UPDATE {Name}.deliveries SET recipient_hash = NULL;
                ALTER TABLE {Name}.deliveries
                    ALTER COLUMN message_type DROP DEFAULT, ALTER COLUMN request DROP DEFAULT,
                    ADD CONSTRAINT deliveries_status_check CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
                    ADD CONSTRAINT deliveries_kind_check CHECK (kind IN ('receipt', 'reply', 'staff-alert', 'inquiry-links')),
                    ADD CONSTRAINT deliveries_one_per_message_kind UNIQUE (message_id, consumer, kind);
            END IF;
        END $$;
        CREATE INDEX IF NOT EXISTS deliveries_by_inquiry ON {Name}.deliveries (inquiry_id);
        CREATE INDEX IF NOT EXISTS deliveries_due ON {Name}.deliveries (next_attempt_at) WHERE status = 'pending';
        CREATE TABLE IF NOT EXISTS {Name}.purged_inquiries (
            inquiry_id uuid PRIMARY KEY,
            purged_at timestamptz NOT NULL
        );
        """;
}

/// <summary>Creates the schema before the consumers and the re-sender start (hosted services start in order).</summary>
public sealed class NotificationSchemaInitializer(NpgsqlDataSource dataSource) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        SchemaBootstrap.ApplyAsync(dataSource, NotificationSchema.Name, NotificationSchema.Sql, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
