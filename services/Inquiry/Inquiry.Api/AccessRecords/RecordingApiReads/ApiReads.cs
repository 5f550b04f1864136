using System.Security.Claims;
using Marten;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Inquiry.AccessRecords.RecordingApiReads;

/// <summary>
/// A staff member read personal data through the API with a token the desk did not mint for its own
/// page (a script's token): stored in its own stream of the event log, ids only, and published like
/// every other integration event (<see cref="Publishing.IntegrationEventPublisher"/>) as
/// <see cref="StaffReadPersonalData"/> with the event's id, for the desk's access log.
/// Not an <see cref="Domain.IInquiryEvent"/>: it changes no inquiry, and no projection folds it.
/// </summary>
public sealed record PersonalDataReadThroughApi(
    Guid StaffId, IReadOnlyList<string> Roles, string? ClientAddress, string Action, Guid? InquiryId, Guid? ItemId, int? RecordCount, DateTimeOffset ReadAt);

/// <summary>
/// Records a read before its data is handed out, so a read that cannot be recorded shows nothing.
/// The desk's own calls (<see cref="StaffAuthentication.CallsThroughDesk"/>) are not recorded here:
/// the desk's page records them, with the browser's address, once.
/// </summary>
public sealed class ApiReads(IDocumentStore store, TimeProvider time)
{
    public async Task RecordAsync(
        HttpContext http, string action, Guid? inquiryId = null, Guid? itemId = null, int? recordCount = null, CancellationToken cancellationToken = default)
    {
        if (http.User.CallsThroughDesk() || StaffIdOf(http.User) is not { } staffId)
        {
            return;
        }

        var read = new PersonalDataReadThroughApi(
            staffId,
            [.. http.User.FindAll("role").Select(c => c.Value).Order(StringComparer.Ordinal)],
            http.Connection.RemoteIpAddress?.ToString(),
            action,
            inquiryId,
            itemId,
            recordCount,
            time.GetUtcNow());
        await using var session = store.OpenTracedSession();
        // A stream of its own per read: nothing to wait for on a shared stream, and no inquiry's version moves.
        session.Events.StartStream(Guid.CreateVersion7(), read);
        await session.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A person's token; another service's token (the empty id) acts for no one.</summary>
    private static Guid? StaffIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue("sub"), out var id) && id != Guid.Empty ? id : null;
}
