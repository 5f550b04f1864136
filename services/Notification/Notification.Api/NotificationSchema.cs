using Npgsql;
using SupportPlatform.Postgres;

namespace SupportPlatform.Notification;

/// <summary>
/// The <c>notification</c> schema. A delivery row is the outbox of one email while it is pending and
/// the delivery log afterwards. It never holds an address, content or link: it keeps the ids-only
/// message it came from (<c>request</c>), and the email is composed from Inquiry's internal API each
/// time it is sent. The log keeps what an operator needs — kind (template), status, attempts, times
/// and a keyed hash of the recipient once known. A purge deletes the rows.
/// <c>purged_inquiries</c> holds only ids, so a late or replayed event about a purged inquiry
/// cannot bring personal data back. The tables are made by the numbered scripts in
/// <c>Migrations/</c>.
/// </summary>
public static class NotificationSchema
{
    public const string Name = "notification";

    /// <summary>Applies the scripts in <c>Migrations/</c> that the schema lacks (docs/migrations.md).</summary>
    public static Task<IReadOnlyList<string>> MigrateAsync(NpgsqlDataSource dataSource, ILogger logger, CancellationToken cancellationToken = default) =>
        SchemaMigrations.ApplyAsync(dataSource, Name, typeof(NotificationSchema).Assembly, logger, cancellationToken);
}

/// <summary>Migrates the schema before the consumers and the re-sender start (hosted services start in order).</summary>
public sealed class NotificationSchemaInitializer(NpgsqlDataSource dataSource, ILogger<NotificationSchemaInitializer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => NotificationSchema.MigrateAsync(dataSource, logger, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
