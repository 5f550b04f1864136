using System.Net;
using System.Net.Http.Json;

namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// Inquiry's internal API, for the platform's own services (a service token, role <c>service</c>):
/// the personal data a message's consumer needs, read at the moment it is used. Every call answers
/// null when the inquiry (or reply) does not exist any more, e.g. purged after the message was
/// published: the consumer then has nothing to do. Other failures throw
/// <see cref="HttpRequestException"/>, which consumers treat as "try again later".
/// </summary>
public sealed class InternalInquiryApi(HttpClient http)
{
    /// <summary>Who to write to about the inquiry, and what it is about; <c>GET /internal/inquiries/{id}</c>.</summary>
    public Task<InquiryForEmail?> GetForEmailAsync(Guid inquiryId, CancellationToken cancellationToken) =>
        GetAsync<InquiryForEmail>($"internal/inquiries/{inquiryId}", cancellationToken);

    /// <summary>Only the summary, for suggesting articles; <c>GET /internal/inquiries/{id}/summary</c>.</summary>
    public Task<InquirySummary?> GetSummaryAsync(Guid inquiryId, CancellationToken cancellationToken) =>
        GetAsync<InquirySummary>($"internal/inquiries/{inquiryId}/summary", cancellationToken);

    /// <summary>One agent reply; <c>GET /internal/inquiries/{id}/replies/{replyId}</c>.</summary>
    public Task<InquiryReply?> GetReplyAsync(Guid inquiryId, Guid replyId, CancellationToken cancellationToken) =>
        GetAsync<InquiryReply>($"internal/inquiries/{inquiryId}/replies/{replyId}", cancellationToken);

    /// <summary>
    /// The address of these inquiries and a private link to each that still exists, valid until
    /// <paramref name="expiresAt"/>; <c>POST /internal/inquiry-links</c>. Null when none exists any more.
    /// </summary>
    public async Task<InquiryLinks?> GetLinksAsync(IReadOnlyList<Guid> inquiryIds, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("internal/inquiry-links", new InquiryLinksQuery(inquiryIds, expiresAt), cancellationToken);
        return await ReadAsync<InquiryLinks>(response, cancellationToken);
    }

    /// <summary>
    /// Hands over a customer's emailed answer to the inquiry; <c>POST /internal/inquiries/{id}/emails</c>.
    /// Null when the inquiry does not exist (any more).
    /// </summary>
    public async Task<InboundEmailOutcome?> ReceiveEmailAsync(Guid inquiryId, InboundEmail email, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"internal/inquiries/{inquiryId}/emails", email, cancellationToken);
        return await ReadAsync<InboundEmailOutcome>(response, cancellationToken);
    }

    private async Task<T?> GetAsync<T>(string path, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new HttpRequestException($"Inquiry answered {response.RequestMessage?.RequestUri} with an empty body.");
    }
}

/// <param name="ReplyToken">The token of the inquiry's reply address (<see cref="ReplyAddresses"/>).</param>
/// <param name="SurveyToken">The secret of the satisfaction survey link, derived like the private link's.</param>
public sealed record InquiryForEmail(
    Guid InquiryId, string Email, string CompanyName, string Summary, string Language, DateTimeOffset SubmittedAt, string AccessToken,
    string? ReplyToken = null, string? SurveyToken = null);

/// <summary>
/// A customer's emailed answer as Notification read it. <paramref name="MessageKey"/> is a keyed hash
/// of its Message-ID (the same at every attempt); <paramref name="ReplyToken"/> the token of the reply
/// address it came to, if any; <paramref name="AnswersOurEmail"/> whether In-Reply-To/References name
/// one of this inquiry's emails. <paramref name="Text"/> is the answer without quoted history and
/// signature, <paramref name="Original"/> all of its text; <paramref name="Authentication"/> the
/// SPF/DKIM/DMARC verdicts (<c>spf=pass dkim=fail dmarc=fail</c>). <paramref name="Attachments"/>:
/// its files, in order, which Inquiry stores under the same type and size rules as uploads.
/// </summary>
public sealed record InboundEmail(
    string MessageKey,
    string? ReplyToken,
    bool AnswersOurEmail,
    string From,
    string Text,
    string Original,
    string? Authentication,
    bool AuthenticationFailed,
    IReadOnlyList<InboundAttachment>? Attachments = null);

/// <summary>
/// One file of an emailed answer. <paramref name="Content"/> is null when Notification did not send
/// it: larger than <see cref="MaxBytes"/>, or past <see cref="MaxTotalBytes"/> with the files before
/// it; Inquiry then notes it as dropped (too large), with its name, as it does the files past the
/// first <see cref="MaxCount"/> it stores.
/// </summary>
public sealed record InboundAttachment(string FileName, long Size, byte[]? Content)
{
    /// <summary>The upload limit of a file (Inquiry's <c>Upload.MaxFileBytes</c>).</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>Files stored from one email; further ones are noted as dropped.</summary>
    public const int MaxCount = 10;

    /// <summary>The content sent for one email, which bounds the request.</summary>
    public const long MaxTotalBytes = 25 * 1024 * 1024;

    /// <summary>Files named in one email (a message of thousands of parts is noted by its first ones).</summary>
    public const int MaxListed = 50;
}

/// <summary>What became of an emailed answer: <see cref="Appended"/>, <see cref="Held"/> for an agent, <see cref="Duplicate"/> (seen before) or <see cref="ClosedTooLong"/> (nothing stored).</summary>
public sealed record InboundEmailOutcome(Guid InquiryId, Guid MessageId, string Outcome)
{
    public const string Appended = "appended";
    public const string Held = "held";
    public const string Duplicate = "duplicate";
    public const string ClosedTooLong = "closed-too-long";
}

public sealed record InquirySummary(Guid InquiryId, string Summary);

public sealed record InquiryReply(Guid InquiryId, Guid ReplyId, string AgentName, string Body, DateTimeOffset RepliedAt);

public sealed record InquiryLinksQuery(IReadOnlyList<Guid> InquiryIds, DateTimeOffset ExpiresAt);

public sealed record InquiryLinks(string Email, IReadOnlyList<InquiryLink> Links);

/// <summary>One inquiry's private link: the Lounge's <c>/inquiries/{InquiryId}?token=…</c>.</summary>
public sealed record InquiryLink(Guid InquiryId, DateTimeOffset SubmittedAt, string AccessToken);
