using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Inquiries;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.Inquiry.Tests.Api;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.EventLog;

/// <summary>Reaching under the HTTP API into the running service's Marten store, for what only the log can show.</summary>
public static class EventLogSupport
{
    public static readonly StaffMember Agent = new(Guid.Parse("0195e5a0-0000-7000-8000-000000000001"), "Test Agent");

    public static IDocumentStore Store(this InquiryApi api) => api.Service.Services.GetRequiredService<IDocumentStore>();

    public static IProjectionDaemon Daemon(this InquiryApi api) =>
        api.Service.Services.GetRequiredService<IProjectionCoordinator>().DaemonForMainDatabase();

    /// <summary>
    /// Appends an agent reply through the service's own command pipeline inside a transaction the
    /// caller controls (commit, hold open, or roll back). Returns the reply's id.
    /// </summary>
    public static async Task<Guid> AppendReplyAsync(this InquiryApi api, NpgsqlTransaction transaction, Guid inquiryId, long expectedVersion, string body)
    {
        var key = await api.Service.Services.GetRequiredService<DataKeyStore>().FindAsync(inquiryId, CancellationToken.None)
            ?? throw new InvalidOperationException("No key");
        var replyId = Guid.CreateVersion7();
        await using var session = api.Store().LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false));
        var outcome = await api.Service.Services.GetRequiredService<InquiryCommands>().ExecuteAsync(
            inquiryId,
            Expect.At(expectedVersion),
            (state, now) => InquiryDecisions.Reply(state, new ReplyToCustomer(replyId, key.Seal(inquiryId, body), Agent), now),
            CancellationToken.None,
            session: session);
        Assert.IsType<CommandOutcome.Accepted>(outcome);
        return replyId;
    }

    /// <summary>The version the queue read model holds for the inquiry (0 when it holds none).</summary>
    public static Task<long> QueueVersionAsync(this InquiryApi api, Guid inquiryId) =>
        api.Database.ScalarAsync<long>("SELECT coalesce((SELECT version FROM inquiry.mt_doc_queue WHERE id = @id), 0)", ("id", inquiryId));
}
