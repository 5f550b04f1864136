using Marten;
using SupportPlatform.Inquiry.Domain;

namespace SupportPlatform.Inquiry.Inquiries;

/// <summary>What became of a command on one inquiry stream.</summary>
public abstract record CommandOutcome
{
    /// <summary>Appended (or nothing to do); <paramref name="Version"/> is the stream version now and <paramref name="State"/> the state at it.</summary>
    public sealed record Accepted(long Version, InquiryState State) : CommandOutcome;

    /// <summary>The stream is not at the version the caller saw (HTTP 412).</summary>
    public sealed record Stale(long CurrentVersion) : CommandOutcome;

    /// <summary>The decision refused the command (HTTP 404 for not-found, 409 otherwise).</summary>
    public sealed record Refused(DomainError Error) : CommandOutcome;
}

/// <summary>Whose version a command is decided on.</summary>
public readonly record struct Expect(long? Version)
{
    /// <summary>The version the caller saw (<c>If-Match</c>): anything else is stale.</summary>
    public static Expect At(long version) => new(version);

    /// <summary>
    /// The inquiry as it is now: for callers that hold no version (a customer, a compliance officer),
    /// for whom an append landing in between is no conflict, so a lost race is decided again.
    /// </summary>
    public static readonly Expect Current = new(null);

    /// <summary>A stream that must not exist yet (a submission).</summary>
    public static readonly Expect NewStream = new(0);
}

/// <summary>
/// The one command pipeline of the service: load the state with <c>FetchForWriting</c> at the
/// expected version, run the pure decision, append, save. Of two writers at the same version
/// exactly one wins: Marten checks the version in the append statement itself, and the loser's
/// <see cref="JasperFx.ConcurrencyException"/> becomes <see cref="CommandOutcome.Stale"/> (412),
/// never a 500.
/// </summary>
public sealed class InquiryCommands(IDocumentStore store, TimeProvider time)
{
    private const int AttemptsWithoutVersion = 3;

    /// <param name="alongside">Other writes that must commit with the events (the submission's data-key row), in the same <c>SaveChanges</c>.</param>
    /// <param name="session">A session the caller opened (on its own transaction); one of ours otherwise.</param>
    public async Task<CommandOutcome> ExecuteAsync(
        Guid inquiryId,
        Expect expect,
        Func<InquiryState?, DateTimeOffset, Decision> decide,
        CancellationToken cancellationToken,
        Action<IDocumentSession>? alongside = null,
        IDocumentSession? session = null)
    {
        // Marten refuses an empty stream id outright; no inquiry has it.
        if (inquiryId == Guid.Empty)
        {
            return new CommandOutcome.Refused(DomainError.NotFound);
        }

        for (var attempt = 1; ; attempt++)
        {
            var own = session is null;
            var current = session ?? store.OpenTracedSession();
            try
            {
                var outcome = await TryOnceAsync(current, inquiryId, expect, decide, alongside, cancellationToken);
                if (outcome is CommandOutcome.Stale && expect == Expect.Current && own && attempt < AttemptsWithoutVersion)
                {
                    continue; // Someone appended meanwhile: decide again on what is there now.
                }

                return outcome;
            }
            finally
            {
                if (own)
                {
                    await current.DisposeAsync();
                }
            }
        }
    }

    private async Task<CommandOutcome> TryOnceAsync(
        IDocumentSession session, Guid inquiryId, Expect expect, Func<InquiryState?, DateTimeOffset, Decision> decide, Action<IDocumentSession>? alongside, CancellationToken cancellationToken)
    {
        if (expect == Expect.NewStream)
        {
            var first = decide(null, time.GetUtcNow());
            if (first.Error is { } refused)
            {
                return new CommandOutcome.Refused(refused);
            }

            session.Events.StartStream(inquiryId, [.. first.Events]);
            alongside?.Invoke(session);
            return await SaveAsync(session, inquiryId, first.Events.Count, InquiryState.Fold(first.Events)!, cancellationToken);
        }

        JasperFx.Events.IEventStream<InquiryState> stream;
        try
        {
            stream = expect.Version is { } version
                ? await session.Events.FetchForWriting<InquiryState>(inquiryId, version, cancellationToken)
                : await session.Events.FetchForWriting<InquiryState>(inquiryId, cancellationToken);
        }
        catch (JasperFx.ConcurrencyException)
        {
            return await StaleOrMissingAsync(session, inquiryId, cancellationToken);
        }

        if (stream.Aggregate is null)
        {
            return new CommandOutcome.Refused(DomainError.NotFound);
        }

        var decision = decide(stream.Aggregate, time.GetUtcNow());
        if (decision.Error is { } error)
        {
            return new CommandOutcome.Refused(error);
        }

        if (decision.Events.Count == 0)
        {
            return new CommandOutcome.Accepted(stream.StartingVersion ?? 0, stream.Aggregate);
        }

        stream.AppendMany([.. decision.Events]);
        alongside?.Invoke(session);
        var state = decision.Events.Aggregate((InquiryState?)stream.Aggregate, InquiryState.After)!;
        return await SaveAsync(session, inquiryId, (stream.StartingVersion ?? 0) + decision.Events.Count, state, cancellationToken);
    }

    private static async Task<CommandOutcome> SaveAsync(IDocumentSession session, Guid inquiryId, long newVersion, InquiryState state, CancellationToken cancellationToken)
    {
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return new CommandOutcome.Accepted(newVersion, state);
        }
        catch (JasperFx.ConcurrencyException)
        {
            return await StaleOrMissingAsync(session, inquiryId, cancellationToken);
        }
    }

    /// <summary>A lost race, or a stream that is not there (never was, or purged meanwhile).</summary>
    private static async Task<CommandOutcome> StaleOrMissingAsync(IDocumentSession session, Guid inquiryId, CancellationToken cancellationToken)
    {
        var current = await session.Events.FetchStreamStateAsync(inquiryId, cancellationToken);
        return current is null ? new CommandOutcome.Refused(DomainError.NotFound) : new CommandOutcome.Stale(current.Version);
    }
}
