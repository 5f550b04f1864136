using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Backends;
using SupportPlatform.Agent.Destructions;
using SupportPlatform.Agent.Http;

namespace SupportPlatform.Agent.Pages.Compliance;

/// <summary>
/// The erasure certificate (파기 확인서) for the data subject: the request (its run id), the date,
/// what was destroyed and how. It names no one: the officer hands it to the requester, who
/// supplied the address, and the desk keeps nothing that would tie the two.
/// </summary>
public sealed class ErasureCertificateModel(InquiryClient inquiries, TimeProvider time) : PageModel
{
    [FromRoute]
    public Guid RunId { get; set; }

    public LedgerEntry? Entry { get; private set; }

    public string Issuer { get; private set; } = "";

    public DateTimeOffset IssuedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var run = await inquiries.PurgeRunAsync(RunId, cancellationToken);
        if (run.Status == HttpStatusCode.NotFound || run.Value is { Reason: not "erasure-request" })
        {
            return NotFound();
        }

        if (run.Value is null)
        {
            return StatusCode(StatusCodes.Status502BadGateway);
        }

        Entry = DestructionLedger.ForInquiries(run.Value);
        Issuer = User.DisplayName();
        IssuedAt = time.GetUtcNow();
        return Page();
    }
}
