using Npgsql;
using SupportPlatform.Messaging;
using SupportPlatform.Postgres;

namespace SupportPlatform.Notification;

/// <summary>
/// The <c>notification</c> schema. A delivery row is the outbox of one email while it is pending:
/// it keeps the rendered message so any replica can (re-)send it without the event. Once sent or
/// given up, the row is the delivery log and keeps only what an operator needs — kind (template),
/// status, attempts, times and a SHA-256 of the recipient — never the address, content or link.
/// A purge deletes the rows.
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
            recipient text,
            recipient_hash text NOT NULL,
            subject text,
            html_body text,
            text_body text,
            status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
            attempts integer NOT NULL DEFAULT 0,
            last_error text,
            created_at timestamptz NOT NULL,
            next_attempt_at timestamptz NOT NULL,
            locked_until timestamptz,
            sent_at timestamptz,
            failed_at timestamptz,
            CONSTRAINT deliveries_one_per_message UNIQUE (message_id, consumer, kind, recipient_hash)
        );
        -- Databases from before the log forgot content: hash, relax, erase what was already sent.
        ALTER TABLE {Name}.deliveries ADD COLUMN IF NOT EXISTS recipient_hash text;
        UPDATE {Name}.deliveries SET recipient_hash = encode(sha256(convert_to(lower(recipient), 'UTF8')), 'hex') WHERE recipient_hash IS NULL;
        ALTER TABLE {Name}.deliveries ALTER COLUMN recipient_hash SET NOT NULL,
            ALTER COLUMN recipient DROP NOT NULL, ALTER COLUMN subject DROP NOT NULL,
            ALTER COLUMN html_body DROP NOT NULL, ALTER COLUMN text_body DROP NOT NULL;
        ALTER TABLE {Name}.deliveries DROP CONSTRAINT IF EXISTS deliveries_one_per_message;
        ALTER TABLE {Name}.deliveries ADD CONSTRAINT deliveries_one_per_message UNIQUE (message_id, consumer, kind, recipient_hash);
        UPDATE {Name}.deliveries SET recipient = NULL, subject = NULL, html_body = NULL, text_body = NULL
        WHERE status <> 'pending' AND recipient IS NOT NULL;
        -- Databases created before 내 문의 have the older list of kinds (PostgreSQL named it the same): widen it once.
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_constraint
                           WHERE conrelid = '{Name}.deliveries'::regclass AND conname = 'deliveries_kind_check'
                             AND pg_get_constraintdef(oid) LIKE '%inquiry-links%') THEN
                ALTER TABLE {Name}.deliveries DROP CONSTRAINT IF EXISTS deliveries_kind_check;
                ALTER TABLE {Name}.deliveries ADD CONSTRAINT deliveries_kind_check CHECK (kind IN ('receipt', 'reply', 'staff-alert', 'inquiry-links'));
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
