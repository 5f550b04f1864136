using System.Globalization;

namespace SupportPlatform.Inquiry.Inquiries.Queueing;

/// <summary>
/// Where a page of the queue starts: the sort value of a row (null for a row with no due time) and
/// its id, which breaks ties. Written <c>{unix microseconds or "none"}_{id}</c>, so a link can carry it.
/// </summary>
public sealed record QueueCursor(DateTimeOffset? Value, Guid Id)
{
    private const string NoValue = "none";

    public override string ToString() =>
        $"{(Value is { } value ? ((value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10).ToString(CultureInfo.InvariantCulture) : NoValue)}_{Id:N}";

    public static QueueCursor? Parse(string? text)
    {
        if (text?.Split('_') is not [var value, var id] || !Guid.TryParseExact(id, "N", out var guid))
        {
            return null;
        }

        if (value == NoValue)
        {
            return new QueueCursor(null, guid);
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var micros) && micros <= MaxMicroseconds
            ? new QueueCursor(DateTimeOffset.UnixEpoch.AddTicks(micros * 10), guid)
            : null;
    }

    private static readonly long MaxMicroseconds = (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
}

/// <summary>
/// One order of the queue: the column it sorts on (a real column of <c>mt_doc_queue</c>, so an index
/// serves it), then the id. Only <c>due</c> has rows without a value; they come last, by id.
/// </summary>
public sealed record QueueSort(string Name, string Column, bool Descending, bool HasEmptyValues = false)
{
    public static readonly IReadOnlyList<QueueSort> All =
    [
        new("activity", "last_activity_at", Descending: false),
        new("-activity", "last_activity_at", Descending: true),
        new("submitted", "submitted_at", Descending: false),
        new("-submitted", "submitted_at", Descending: true),
        new("due", "due_at", Descending: false, HasEmptyValues: true),
    ];

    public static QueueSort? Named(string name) => All.FirstOrDefault(s => s.Name == name);

    public DateTimeOffset? ValueOf(QueueEntry entry) => Column switch
    {
        "last_activity_at" => entry.LastActivityAt,
        "submitted_at" => entry.SubmittedAt,
        _ => entry.DueAt,
    };

    public QueueCursor CursorOf(QueueEntry entry) => new(ValueOf(entry), entry.Id);
}

/// <summary>
/// Paging by keyset instead of OFFSET: the rows after (or before) a cursor are found in the sort's
/// index from the cursor on, so a page deep in the queue costs what the first one does. A condition
/// is SQL for Marten's <c>MatchesSql</c> (<c>d</c> is the queue table); rows are read from the
/// conditions in turn, each in the sort's order (reversed when walking back), until the page is full.
/// </summary>
public static class QueueKeyset
{
    /// <summary>
    /// One part of the rows after or before a cursor, in the order they are read. <c>Undated</c>
    /// rows all lack the sort value, so they are read by id alone: the primary key serves that order
    /// from the cursor on, where the sort's own index would hand over every undated row to be sorted.
    /// </summary>
    public sealed record Condition(string Sql, object[] Arguments, bool Undated = false);

    /// <param name="backward">True for the rows before <paramref name="cursor"/>, read nearest first.</param>
    public static IReadOnlyList<Condition> After(QueueSort sort, QueueCursor? cursor, bool backward)
    {
        var column = $"d.{sort.Column}";
        if (cursor is null)
        {
            return [new Condition("true", [])];
        }

        // Rows further on in reading order: greater when ascending and walking forward, or descending and walking back.
        var greater = sort.Descending == backward;
        var comparison = greater ? ">" : "<";
        if (!sort.HasEmptyValues)
        {
            return [new Condition($"({column}, d.id) {comparison} (?, ?)", [cursor.Value!.Value, cursor.Id])];
        }

        // Ascending with the empty values last: forward, the dated rows after the cursor and then the
        // undated ones; back, the other way round. A row comparison with NULL is never true, so the
        // dated part never picks up an undated row.
        var undatedAfter = new Condition($"{column} IS NULL AND d.id {comparison} ?", [cursor.Id], Undated: true);
        return (cursor.Value, greater) switch
        {
            ({ } value, true) => [new Condition($"({column}, d.id) > (?, ?)", [value, cursor.Id]), new Condition($"{column} IS NULL", [], Undated: true)],
            ({ } value, false) => [new Condition($"({column}, d.id) < (?, ?)", [value, cursor.Id])],
            (null, true) => [undatedAfter],
            (null, false) => [undatedAfter, new Condition($"{column} IS NOT NULL", [])],
        };
    }
}
