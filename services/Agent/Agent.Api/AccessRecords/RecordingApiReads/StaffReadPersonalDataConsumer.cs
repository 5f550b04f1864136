using MassTransit;
using Npgsql;
using SupportPlatform.Agent.AccessRecords.Recording;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Messaging;

namespace SupportPlatform.Agent.AccessRecords.RecordingApiReads;

/// <summary>
/// Puts a read through Inquiry's API (a script's token) on the access log: the record commits with
/// the message's inbox row, so a redelivered or re-published message (same id: the event's) adds
/// nothing. While the desk is down the messages wait in its durable queue; none is lost.
/// </summary>
public sealed class StaffReadPersonalDataConsumer(NpgsqlDataSource dataSource) : InboxConsumer<StaffReadPersonalData>(dataSource, "agent")
{
    protected override async Task HandleAsync(ConsumeContext<StaffReadPersonalData> context, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var read = context.Message;
        if (!AccessActions.All.Contains(read.Action) || !read.Action.StartsWith("api.", StringComparison.Ordinal))
        {
            // A contract mismatch between the two services: to the error queue, for an operator, rather than a record of an unknown kind.
            throw new InvalidOperationException($"Unknown API read action '{read.Action}'.");
        }

        await AccessLog.AppendAsync(
            connection,
            transaction,
            new Access(
                read.StaffId, AccessLog.RolesOf(read.Roles), read.ClientAddress, read.Action, read.InquiryId, read.ItemId, read.RecordCount,
                // An export exists only to answer a data subject's access request, as on the desk's page.
                read.Action == AccessActions.ApiDataExported ? "data-subject-request" : null),
            read.ReadAt,
            context.CancellationToken);
    }
}
