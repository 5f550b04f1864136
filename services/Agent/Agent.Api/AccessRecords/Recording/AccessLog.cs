using System.Security.Claims;
using Npgsql;
using NpgsqlTypes;
using SupportPlatform.Postgres;

namespace SupportPlatform.Agent.AccessRecords.Recording;

/// <summary>What one access is, before the log numbers and chains it.</summary>
public sealed record Access(
    Guid StaffId, string Roles, string? ClientAddress, string Action,
    Guid? InquiryId = null, Guid? ItemId = null, int? RecordCount = null, string? Reason = null);

/// <summary>
/// Appends access records to <c>agent.access_log</c>. Appends are serialised by an advisory lock so
/// each record's id is the last id + 1 and its previous hash the last record's hash: one chain,
/// whatever the number of desk replicas. A record is written before the data is handed out, so a
/// log that cannot be written shows nothing.
/// </summary>
public sealed class AccessLog(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const string ChainLock = "agent.access_log.append";

    public async Task<AccessRecord> RecordAsync(Access access, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var record = await AppendAsync(connection, transaction, access, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return record;
    }

    /// <summary>
    /// Chains and inserts one record inside the caller's transaction (a consumer's, with its inbox
    /// row), holding the chain's lock until that transaction ends. <paramref name="at"/> is when the
    /// access happened, which for a read reported by another service is before it arrives here.
    /// </summary>
    public static async Task<AccessRecord> AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Access access, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await AdvisoryLocks.LockForTransactionAsync(connection, transaction, ChainLock, cancellationToken);
        var (lastId, lastHash) = await LastAsync(connection, transaction, cancellationToken);
        var unhashed = new AccessRecord(
            lastId + 1, AccessChain.Storable(at), access.StaffId, access.Roles, access.ClientAddress, access.Action,
            access.InquiryId, access.ItemId, access.RecordCount, access.Reason, lastHash, []);
        var record = unhashed with { Hash = AccessChain.HashOf(unhashed) };
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO agent.access_log (id, at, staff_id, roles, client_address, action, inquiry_id, item_id, record_count, reason, previous_hash, hash)
            VALUES (@id, @at, @staff, @roles, @client, @action, @inquiry, @item, @count, @reason, @previous, @hash)
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<long>("id", record.Id));
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", record.At));
            insert.Parameters.Add(new NpgsqlParameter<Guid>("staff", record.StaffId));
            insert.Parameters.Add(new NpgsqlParameter<string>("roles", record.Roles));
            insert.Parameters.Add(new NpgsqlParameter("client", NpgsqlDbType.Varchar) { Value = (object?)record.ClientAddress ?? DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter<string>("action", record.Action));
            insert.Parameters.Add(new NpgsqlParameter("inquiry", NpgsqlDbType.Uuid) { Value = (object?)record.InquiryId ?? DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter("item", NpgsqlDbType.Uuid) { Value = (object?)record.ItemId ?? DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter("count", NpgsqlDbType.Integer) { Value = (object?)record.RecordCount ?? DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter("reason", NpgsqlDbType.Varchar) { Value = (object?)record.Reason ?? DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter<byte[]>("previous", record.PreviousHash));
            insert.Parameters.Add(new NpgsqlParameter<byte[]>("hash", record.Hash));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        return record;
    }

    /// <summary>The signed-in member's access, from the request: staff id, roles, client address.</summary>
    public Task<AccessRecord> RecordAsync(
        HttpContext http, string action, Guid? inquiryId = null, Guid? itemId = null, int? recordCount = null, string? reason = null,
        CancellationToken cancellationToken = default) =>
        RecordAsync(
            new Access(StaffIdOf(http.User), RolesOf(http.User.FindAll(ClaimTypes.Role).Select(c => c.Value)), http.Connection.RemoteIpAddress?.ToString(),
                action, inquiryId, itemId, recordCount, reason),
            cancellationToken);

    public static string RolesOf(IEnumerable<string> roles) => string.Join(',', roles.Order(StringComparer.Ordinal));

    /// <summary>The last record still in the table, else the anchor of the latest purge, else the genesis.</summary>
    internal static async Task<(long Id, byte[] Hash)> LastAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var last = new NpgsqlCommand(
            """
            SELECT id, hash FROM agent.access_log WHERE id = (SELECT max(id) FROM agent.access_log)
            UNION ALL
            SELECT through_id, through_hash FROM (SELECT through_id, through_hash FROM agent.access_log_purges ORDER BY through_id DESC LIMIT 1) p
            ORDER BY 1 DESC LIMIT 1
            """, connection, transaction);
        await using var reader = await last.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetInt64(0), (byte[])reader[1])
            : (0, AccessChain.Genesis);
    }

    internal const string Columns = "id, at, staff_id, roles, client_address, action, inquiry_id, item_id, record_count, reason, previous_hash, hash";

    internal static AccessRecord Read(NpgsqlDataReader row) => new(
        row.GetInt64(0),
        row.GetFieldValue<DateTimeOffset>(1),
        row.GetGuid(2),
        row.GetString(3),
        row.IsDBNull(4) ? null : row.GetString(4),
        row.GetString(5),
        row.IsDBNull(6) ? null : row.GetGuid(6),
        row.IsDBNull(7) ? null : row.GetGuid(7),
        row.IsDBNull(8) ? null : row.GetInt32(8),
        row.IsDBNull(9) ? null : row.GetString(9),
        (byte[])row[10],
        (byte[])row[11]);

    private static Guid StaffIdOf(ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An access record needs a signed-in member."));
}
