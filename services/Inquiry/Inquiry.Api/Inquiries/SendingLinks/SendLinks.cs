using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.Inquiry.Inquiries.Submitting;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Inquiries.SendingLinks;

public sealed record SendLinksRequest(string? Email, string? Language);

/// <summary>
/// <c>POST /api/inquiry-links</c> (내 문의): the address receives one email listing a fresh link to
/// each of its inquiries. The answer is the same 202 whether the address has inquiries or not, and
/// an address asking more than a few times an hour gets no more email (still 202), so the endpoint
/// neither tells who wrote to support nor floods anyone's mailbox; per client IP, the public rate
/// limit applies as everywhere. The request does the same work either way (validate, hash, count,
/// hand over): finding the inquiries and publishing happen after the answer, in
/// <see cref="LinkRequestSender"/>, so its timing cannot tell (issue 20, finding 6).
/// </summary>
public static class SendLinks
{
    public const int MaxInquiries = 50;

    public static RouteGroupBuilder MapSendLinks(this RouteGroupBuilder api)
    {
        api.MapPost("/inquiry-links", Handle)
            .WithName("SendInquiryLinks")
            .WithSummary("Emails the address a list of links to its inquiries; answers 202 whether or not it has any.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    private static Results<Accepted, ValidationProblem> Handle(
        SendLinksRequest request, PersonalDataKeys keys, LinkRequestLimiter limiter, LinkRequestQueue queue)
    {
        var errors = new FieldErrors();
        var email = errors.LookupEmail("email", request.Email);

        var language = request.Language?.Trim().ToLowerInvariant() ?? "ko";
        if (language is not ("ko" or "en"))
        {
            errors.Add("language", "Use \"ko\" or \"en\".");
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var emailHashes = keys.LookupKeys.EmailHashes(email!);
        if (limiter.TryAcquire(emailHashes[0]))
        {
            queue.Enqueue(new LinkRequest(emailHashes, language));
        }

        return TypedResults.Accepted((string?)null);
    }
}

/// <summary>At most <c>InquiryLinks:PerAddressPerHour</c> link emails per address (by its keyed hash) per replica.</summary>
public sealed class LinkRequestLimiter(IConfiguration configuration)
    : FixedWindowPerKey(configuration.GetValue("InquiryLinks:PerAddressPerHour", 3), TimeSpan.FromHours(1));
