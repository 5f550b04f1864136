using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Backends;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Agent.Pages.Admin;

/// <summary>
/// Key rotation as Inquiry reports it: which master key is current, how many data keys each key
/// still wraps, how far the re-wrap has got; which lookup key is current, how many inquiries each
/// key still hashed, how far the re-hash has got; and which retired keys can leave the configuration.
/// Key ids only; no key ever reaches the desk.
/// </summary>
public sealed class KeysModel(InquiryClient inquiries) : PageModel
{
    public KeyRotationStatus? Status { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await inquiries.KeyRotationStatusAsync(cancellationToken);
        Status = result.Value;
        Error = result.Problem?.Message;
    }

    /// <summary>Keys on the current master key out of all wrapped keys.</summary>
    public static (long Done, long Total) Progress(KeyRotationStatus status)
    {
        var total = status.MasterKeys.Sum(k => k.DataKeys + k.UnboundAttachments);
        return (total - status.Remaining, total);
    }

    /// <summary>Inquiries and queue entries on the current lookup key out of all of them.</summary>
    public static (long Done, long Total) Progress(LookupKeyRotationStatus status)
    {
        var total = status.Mixed + status.LookupKeys.Sum(k => k.Inquiries + k.QueueEntries);
        return (total - status.Remaining, total);
    }
}
