using Npgsql;
using SupportPlatform.Postgres;

namespace SupportPlatform.Inquiry.Retention.Shredding;

/// <summary>One entry of the shred list: its place in the list and the purged inquiry's id.</summary>
public readonly record struct ShredListEntry(long Position, Guid InquiryId);

/// <summary>
/// The shred list: the id of every purged inquiry, append-only, in a PostgreSQL database of its own
/// (<c>ConnectionStrings:shredlist</c>), so that restoring the service's database from a backup
/// taken before a purge does not roll it back (<see cref="ShredListReplay"/> re-applies what the
/// restored database lacks). Only ids and times: it holds nothing personal and is never purged.
/// Outside Production a missing connection string falls back to the service's own database, where
/// a restore would roll the list back with everything else; the start says so.
/// </summary>
public sealed class ShredList : IAsyncDisposable
{
    public const string Schema = "shred_list";
    public const string ConnectionName = "shredlist";

    private readonly NpgsqlDataSource dataSource;
    private readonly bool ownsDataSource;

    public ShredList(IConfiguration configuration, IHostEnvironment environment, NpgsqlDataSource serviceDatabase)
    {
        if (configuration.GetConnectionString(ConnectionName) is { Length: > 0 } connectionString)
        {
            dataSource = NpgsqlDataSource.Create(connectionString);
            ownsDataSource = true;
        }
        else if (!environment.IsProduction())
        {
            dataSource = serviceDatabase;
            SharesTheServiceDatabase = true;
        }
        else
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionName} must name the shred list's own database (ConnectionStrings__{ConnectionName}; deploy/README.md).");
        }
    }

    /// <summary>True when the list lives in the service's own database (a local run without its own store).</summary>
    public bool SharesTheServiceDatabase { get; }

    public Task MigrateAsync(ILogger logger, CancellationToken cancellationToken) =>
        SchemaMigrations.ApplyAsync(dataSource, Schema, typeof(ShredList).Assembly, logger, cancellationToken, folder: "ShredListMigrations");

    /// <summary>Appends the ids in one statement; returns the last position written.</summary>
    public async Task<long> AppendAsync(IReadOnlyCollection<Guid> inquiryIds, DateTimeOffset listedAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"INSERT INTO {Schema}.entries (inquiry_id, listed_at) SELECT id, @at FROM unnest(@ids) WITH ORDINALITY AS u(id, n) ORDER BY n RETURNING position");
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. inquiryIds]));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", listedAt));
        long last = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            last = Math.Max(last, reader.GetInt64(0));
        }

        return last;
    }

    /// <summary>Up to <paramref name="limit"/> entries after <paramref name="position"/>, in list order.</summary>
    public async Task<IReadOnlyList<ShredListEntry>> ReadAfterAsync(long position, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT position, inquiry_id FROM {Schema}.entries WHERE position > @after ORDER BY position LIMIT @limit");
        command.Parameters.Add(new NpgsqlParameter<long>("after", position));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var entries = new List<ShredListEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new ShredListEntry(reader.GetInt64(0), reader.GetGuid(1)));
        }

        return entries;
    }

    /// <summary>The position of the newest entry; 0 for an empty list.</summary>
    public async Task<long> LastPositionAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT coalesce(max(position), 0) FROM {Schema}.entries");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        if (ownsDataSource)
        {
            await dataSource.DisposeAsync();
        }
    }
}
