using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Inquiry.ServiceLevels.Revising;

/// <summary>One stored revision: its number (the ETag), the settings under its name, and who saved it when.</summary>
public sealed record StoredRevision(int Number, SlaSettings Settings, Guid? RevisedBy, DateTimeOffset RevisedAt)
{
    public ServiceLevelSettings ToView() => new(
        Number, Settings.Policy.Revision, ServiceLevelSettingsViews.Targets(Settings.Policy),
        ServiceLevelSettingsViews.Exceptions(Settings.Exceptions), RevisedBy, RevisedAt);
}

/// <summary>
/// The revisions of the SLA policy and the calendar's exceptions (<c>service_level_revisions</c>),
/// append only. A save is one insert of the next number, guarded by the number it started from, so
/// of two admins saving from the same revision the second gets a conflict instead of overwriting.
/// </summary>
public sealed class ServiceLevelRevisions(NpgsqlDataSource dataSource, SlaRulesInForce inForce)
{
    private const string Table = InquiryStore.Schema + ".service_level_revisions";
    private const string UniqueViolation = "23505";

    private static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>The name a saved revision's figures carry: its number, distinct from any configuration's name by the prefix.</summary>
    public static string NameOf(int number) => "rev-" + number.ToString(CultureInfo.InvariantCulture);

    public async Task<StoredRevision?> CurrentAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT number, name, targets, exceptions, revised_by, revised_at FROM {Table} ORDER BY number DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<ServiceLevelHistory> HistoryAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT number, name, revised_by, revised_at, changes FROM {Table} ORDER BY number DESC");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var revisions = new List<ServiceLevelRevision>();
        while (await reader.ReadAsync(cancellationToken))
        {
            revisions.Add(new(
                reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetFieldValue<DateTimeOffset>(3),
                JsonSerializer.Deserialize<ServiceLevelChange[]>(reader.GetString(4), Json)!));
        }

        return new(revisions);
    }

    /// <summary>
    /// Saves <paramref name="settings"/> as the revision after <paramref name="expected"/> and puts it
    /// in force on this replica (the others pick it up within their refresh interval). Null when
    /// <paramref name="expected"/> is no longer the latest.
    /// </summary>
    public async Task<StoredRevision?> SaveAsync(int expected, Func<string, SlaSettings> settings, Guid by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(cancellationToken);
        if (current is null || current.Number != expected)
        {
            return null;
        }

        var saved = new StoredRevision(expected + 1, settings(NameOf(expected + 1)), by, at);
        if (!await InsertAsync(saved, current.Settings, cancellationToken))
        {
            return null;
        }

        inForce.Use(saved.Settings.ToRules());
        return saved;
    }

    /// <summary>
    /// Records the configuration as the next revision when no revision has its name yet (the first
    /// start, or a deployment that names a new one), then puts the latest revision in force.
    /// </summary>
    public async Task<StoredRevision> RecordConfigurationAsync(SlaSettings configured, DateTimeOffset at, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await CurrentAsync(cancellationToken);
            if (current is not null && await NamedAsync(configured.Policy.Revision, cancellationToken))
            {
                inForce.Use(current.Settings.ToRules());
                return current;
            }

            var recorded = new StoredRevision((current?.Number ?? 0) + 1, configured, null, at);
            if (await InsertAsync(recorded, current?.Settings, cancellationToken))
            {
                inForce.Use(recorded.Settings.ToRules());
                return recorded;
            }

            // Another replica recorded first: look again.
        }
    }

    /// <summary>Puts the latest revision in force on this replica.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (await CurrentAsync(cancellationToken) is { } current && current.Settings.Policy.Revision != inForce.Current.Policy.Revision)
        {
            inForce.Use(current.Settings.ToRules());
        }
    }

    private async Task<bool> NamedAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT EXISTS (SELECT 1 FROM {Table} WHERE name = @name)");
        command.Parameters.Add(new NpgsqlParameter<string>("name", name));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Inserts the revision; false when its number (or name) was taken meanwhile.</summary>
    private async Task<bool> InsertAsync(StoredRevision revision, SlaSettings? before, CancellationToken cancellationToken)
    {
        var view = revision.ToView();
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO {Table} (number, name, targets, exceptions, changes, revised_by, revised_at)
            VALUES (@number, @name, @targets, @exceptions, @changes, @by, @at)
            """);
        command.Parameters.Add(new NpgsqlParameter<int>("number", revision.Number));
        command.Parameters.Add(new NpgsqlParameter<string>("name", view.Name));
        command.Parameters.Add(new NpgsqlParameter<string>("targets", NpgsqlDbType.Jsonb) { TypedValue = JsonSerializer.Serialize(view.Targets, Json) });
        command.Parameters.Add(new NpgsqlParameter<string>("exceptions", NpgsqlDbType.Jsonb) { TypedValue = JsonSerializer.Serialize(view.Exceptions, Json) });
        command.Parameters.Add(new NpgsqlParameter<string>("changes", NpgsqlDbType.Jsonb)
        {
            TypedValue = JsonSerializer.Serialize(ServiceLevelChanges.Between(before, revision.Settings), Json),
        });
        command.Parameters.Add(new NpgsqlParameter("by", NpgsqlDbType.Uuid) { Value = (object?)revision.RevisedBy ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", revision.RevisedAt));
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == UniqueViolation)
        {
            return false;
        }
    }

    private static StoredRevision Read(NpgsqlDataReader reader)
    {
        var targets = JsonSerializer.Deserialize<PriorityTargets[]>(reader.GetString(2), Json)!;
        var exceptions = JsonSerializer.Deserialize<CalendarExceptionView[]>(reader.GetString(3), Json)!;
        return new StoredRevision(
            reader.GetInt32(0),
            ServiceLevelSettingsViews.ToSettings(reader.GetString(1), targets, exceptions),
            reader.IsDBNull(4) ? null : reader.GetGuid(4),
            reader.GetFieldValue<DateTimeOffset>(5));
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ServiceDefaultsExtensions.ConfigureJson(options);
        return options;
    }
}
