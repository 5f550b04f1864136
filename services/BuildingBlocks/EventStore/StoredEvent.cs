namespace SupportPlatform.EventStore;

/// <summary>An event as the store keeps it: its place in its stream and in the global log.</summary>
public sealed record StoredEvent(
    Guid EventId,
    Guid StreamId,
    long Version,
    LogPosition LogPosition,
    string Type,
    object Data,
    string? TraceParent,
    DateTimeOffset Timestamp)
{
    public long Position => LogPosition.Position;
}

/// <summary>
/// A place in the global log. The log is ordered by (transaction id, position): every transaction
/// whose id is below the oldest running one has ended, so no event can still appear before a
/// reader's checkpoint. Ordering by position alone would let a transaction that took its position
/// first but commits last be skipped.
/// </summary>
public readonly record struct LogPosition(ulong TransactionId, long Position) : IComparable<LogPosition>
{
    public static readonly LogPosition Start = new(0, 0);

    public int CompareTo(LogPosition other) =>
        TransactionId != other.TransactionId ? TransactionId.CompareTo(other.TransactionId) : Position.CompareTo(other.Position);
}

/// <summary>The expected version of a stream when appending: the number of events it already has.</summary>
public static class ExpectedVersion
{
    /// <summary>The stream must not exist yet.</summary>
    public const long NoStream = 0;

    /// <summary>Append whatever the stream holds (no concurrency check).</summary>
    public const long Any = -1;
}

public sealed class ConcurrencyException(Guid streamId, long expectedVersion)
    : Exception($"Stream {streamId} is not at version {expectedVersion}: someone else appended first.")
{
    public Guid StreamId { get; } = streamId;

    public long ExpectedVersion { get; } = expectedVersion;
}
