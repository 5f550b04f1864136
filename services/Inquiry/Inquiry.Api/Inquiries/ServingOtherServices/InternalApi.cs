using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.Inquiry.Inquiries.ReceivingEmails;
using SupportPlatform.Inquiry.Inquiries.SendingLinks;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.ServiceDefaults.Http;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Inquiry.Inquiries.ServingOtherServices;

/// <summary>
/// <c>/internal</c>: what the platform's other services need of an inquiry's personal data, read
/// when they use it (integration events carry ids only; see <see cref="InternalInquiryApi"/>). For
/// service tokens only. A purged inquiry is a 404 like an unknown one.
/// </summary>
public static class InternalApi
{
    /// <summary>How long a link minted for an inquiry filed before tokens were derived stays valid (<see cref="LinkFor"/>).</summary>
    private static readonly TimeSpan LegacyLinkLifetime = TimeSpan.FromDays(30);

    public static WebApplication MapInternalApi(this WebApplication app)
    {
        var group = app.MapGroup("/internal")
            .RequireAuthorization(StaffRoles.Service)
            .WithTags("Internal");
        group.MapGet("/inquiries/{id:guid}", GetForEmail)
            .WithName("GetInquiryForEmail")
            .WithSummary("Address, company, summary, language, private-link, reply-address and survey tokens of an inquiry, for its emails.");
        group.MapGet("/inquiries/{id:guid}/summary", GetSummary)
            .WithName("GetInquirySummary")
            .WithSummary("Only the summary of an inquiry, for suggesting articles.");
        group.MapGet("/inquiries/{id:guid}/replies/{replyId:guid}", GetReply)
            .WithName("GetInquiryReply")
            .WithSummary("One agent reply, for its email.");
        group.MapPost("/inquiry-links", GetLinks)
            .WithName("GetInquiryLinks")
            .WithSummary("The address of inquiries of one address and a fresh private link to each that still exists (내 문의).");
        group.MapReceiveEmail();
        return app;
    }

    private static async Task<Results<Ok<InquiryForEmail>, ProblemHttpResult>> GetForEmail(
        Guid id, InquiryStreams streams, DataKeyStore keys, LinkTokens linkTokens, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await OpenAsync(id, streams, keys, cancellationToken) is not var (inquiry, key))
        {
            return Problems.InquiryNotFound();
        }

        var submitted = inquiry.Submission;
        return TypedResults.Ok(new InquiryForEmail(
            id,
            key.Open(id, inquiry.Email),
            key.Open(id, inquiry.CompanyName),
            key.Open(id, submitted.Summary),
            submitted.Language,
            submitted.SubmittedAt,
            LinkFor(id, key, submitted, linkTokens, time.GetUtcNow() + LegacyLinkLifetime),
            ReplyTokens.Derive(key, id),
            SurveyTokens.Derive(key, id)));
    }

    private static async Task<Results<Ok<InquirySummary>, ProblemHttpResult>> GetSummary(
        Guid id, InquiryStreams streams, DataKeyStore keys, CancellationToken cancellationToken) =>
        await OpenAsync(id, streams, keys, cancellationToken) is var (inquiry, key)
            ? TypedResults.Ok(new InquirySummary(id, key.Open(id, inquiry.Submission.Summary)))
            : Problems.InquiryNotFound();

    private static async Task<Results<Ok<InquiryReply>, ProblemHttpResult>> GetReply(
        Guid id, Guid replyId, InquiryStreams streams, DataKeyStore keys, CancellationToken cancellationToken) =>
        await OpenAsync(id, streams, keys, cancellationToken) is var (inquiry, key)
            && inquiry.Events.OfType<AgentReplied>().FirstOrDefault(r => r.ReplyId == replyId) is { } reply
            ? TypedResults.Ok(new InquiryReply(id, replyId, reply.AgentName, key.Open(id, reply.Body), reply.RepliedAt))
            : Problems.InquiryNotFound();

    private static async Task<Results<Ok<InquiryLinks>, ValidationProblem, ProblemHttpResult>> GetLinks(
        InquiryLinksQuery query, InquiryStreams streams, DataKeyStore keys, PersonalDataKeys personalData, LinkTokens linkTokens, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (query.InquiryIds is not { Count: > 0 and <= SendLinks.MaxInquiries })
        {
            errors.Add("inquiryIds", $"Give 1 to {SendLinks.MaxInquiries} inquiry ids.");
        }

        if (query.ExpiresAt <= time.GetUtcNow() || query.ExpiresAt > time.GetUtcNow() + TimeSpan.FromDays(31))
        {
            errors.Add("expiresAt", "Must be in the next 31 days.");
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        string? email = null;
        var links = new List<InquiryLink>(query.InquiryIds.Count);
        foreach (var id in query.InquiryIds.Distinct())
        {
            if (await OpenAsync(id, streams, keys, cancellationToken) is not var (inquiry, key))
            {
                continue; // purged since the request: no link to it
            }

            var submitted = inquiry.Submission;
            if (email is null)
            {
                email = key.Open(id, inquiry.Email);
            }
            else if (!personalData.LookupKeys.Matches(email, inquiry.EmailHash))
            {
                continue; // never list one address's inquiry in another's email
            }

            links.Add(new InquiryLink(id, submitted.SubmittedAt, linkTokens.Mint(id, query.ExpiresAt)));
        }

        return email is null ? Problems.InquiryNotFound() : TypedResults.Ok(new InquiryLinks(email, links));
    }

    private static async Task<(LoadedInquiry Inquiry, DataKey Key)?> OpenAsync(
        Guid id, InquiryStreams streams, DataKeyStore keys, CancellationToken cancellationToken) =>
        await keys.FindAsync(id, cancellationToken) is { } key && await streams.LoadAsync(id, cancellationToken) is { } inquiry
            ? (inquiry, key)
            : null;

    /// <summary>
    /// The inquiry's own token, derived again from its key. An inquiry filed before tokens were
    /// derived stored a random one, of which only the hash is left: it gets a minted link instead.
    /// </summary>
    private static string LinkFor(Guid id, DataKey key, Domain.InquirySubmitted submitted, LinkTokens linkTokens, DateTimeOffset legacyExpiry)
    {
        var token = AccessTokens.Derive(key, id);
        return AccessTokens.Matches(token, submitted.AccessTokenHash) ? token : linkTokens.Mint(id, legacyExpiry);
    }
}
