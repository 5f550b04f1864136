using Npgsql;
using SupportPlatform.EventStore;
using SupportPlatform.Messaging;

namespace SupportPlatform.Notification;

/// <summary>
/// The <c>notification</c> schema. A delivery row is the outbox of one email: it keeps the rendered
/// message so any replica can (re-)send it without the event, and it is what a purge deletes.
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
            recipient text NOT NULL,
            subject text NOT NULL,
            html_body text NOT NULL,
            text_body text NOT NULL,
            status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
            attempts integer NOT NULL DEFAULT 0,
            last_error text,
            created_at timestamptz NOT NULL,
            next_attempt_at timestamptz NOT NULL,
            locked_until timestamptz,
            sent_at timestamptz,
            failed_at timestamptz,
            CONSTRAINT deliveries_one_per_message UNIQUE (message_id, consumer, kind, recipient)
        );
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
        EventStoreSchema.ApplyAsync(dataSource, NotificationSchema.Name, NotificationSchema.Sql, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
