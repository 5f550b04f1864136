using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using SupportPlatform.Agent.AccessRecords.Recording;

namespace SupportPlatform.Agent.AccessRecords.Inspecting;

/// <summary>The inspection page's filters; dates are Korean calendar days, both ends included.</summary>
public sealed record AccessLogFilter(Guid? StaffId, Guid? InquiryId, string? Action, DateOnly? From, DateOnly? To);

/// <summary>A month's inspection: who inspected, when, and what they noted.</summary>
public sealed record Inspection(DateOnly Month, DateTimeOffset InspectedAt, Guid InspectorId, string Notes);

/// <summary>Reads the access log for inspection, and keeps the record of each monthly inspection.</summary>
public sealed class AccessLogQueries(NpgsqlDataSource dataSource, TimeProvider time)
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    /// <summary>The newest records that match, at most <paramref name="limit"/>, newest first.</summary>
    public async Task<IReadOnlyList<AccessRecord>> FindAsync(AccessLogFilter filter, int limit, CancellationToken cancellationToken)
    {
        var where = new List<string>();
        await using var command = dataSource.CreateCommand();
        if (filter.StaffId is { } staff)
        {
            where.Add("staff_id = @staff");
            command.Parameters.Add(new NpgsqlParameter<Guid>("staff", staff));
        }

        if (filter.InquiryId is { } inquiry)
        {
            where.Add("inquiry_id = @inquiry");
            command.Parameters.Add(new NpgsqlParameter<Guid>("inquiry", inquiry));
        }

        if (filter.Action is { Length: > 0 } action)
        {
            where.Add("action = @action");
            command.Parameters.Add(new NpgsqlParameter<string>("action", action));
        }

        if (filter.From is { } from)
        {
            where.Add("at >= @from");
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("from", StartOf(from)));
        }

        if (filter.To is { } to)
        {
            where.Add("at < @to");
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("to", StartOf(to.AddDays(1))));
        }

        command.CommandText = $"SELECT {AccessLog.Columns} FROM agent.access_log {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))} ORDER BY id DESC LIMIT @limit";
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<AccessRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(AccessLog.Read(reader));
        }

        return records;
    }

    public async Task RecordInspectionAsync(DateOnly month, Guid inspectorId, string notes, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO agent.access_log_inspections (month, inspected_at, inspector_id, notes) VALUES (@month, @at, @inspector, @notes)");
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("month", new DateOnly(month.Year, month.Month, 1)));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("at", time.GetUtcNow()));
        command.Parameters.Add(new NpgsqlParameter<Guid>("inspector", inspectorId));
        command.Parameters.Add(new NpgsqlParameter<string>("notes", notes) { NpgsqlDbType = NpgsqlDbType.Varchar });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Inspection>> InspectionsAsync(int count, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT month, inspected_at, inspector_id, notes FROM agent.access_log_inspections ORDER BY month DESC, id DESC LIMIT @count");
        command.Parameters.Add(new NpgsqlParameter<int>("count", count));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var inspections = new List<Inspection>();
        while (await reader.ReadAsync(cancellationToken))
        {
            inspections.Add(new Inspection(reader.GetFieldValue<DateOnly>(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetGuid(2), reader.GetString(3)));
        }

        return inspections;
    }

    /// <summary>The records as CSV, with a header row; every field is an id, a fixed name, a number or a time.</summary>
    public static string Csv(IEnumerable<AccessRecord> records)
    {
        var csv = new StringBuilder("id,at_utc,staff_id,roles,client_address,action,inquiry_id,item_id,record_count,reason,hash\r\n");
        foreach (var r in records)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{r.Id},{r.At.UtcDateTime:yyyy-MM-ddTHH:mm:ss.ffffffZ},{r.StaffId},\"{r.Roles}\",{r.ClientAddress},{r.Action},{r.InquiryId},{r.ItemId},{r.RecordCount},{r.Reason},{Convert.ToHexStringLower(r.Hash)}\r\n");
        }

        return csv.ToString();
    }

    private static DateTimeOffset StartOf(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Kst).ToUniversalTime();
}
