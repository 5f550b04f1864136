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

/// <summary><paramref name="SurveyToken"/>: the secret of the satisfaction survey link, derived like the private link's.</summary>
public sealed record InquiryForEmail(
    Guid InquiryId, string Email, string CompanyName, string Summary, string Language, DateTimeOffset SubmittedAt, string AccessToken,
    string? SurveyToken = null);

public sealed record InquirySummary(Guid InquiryId, string Summary);

public sealed record InquiryReply(Guid InquiryId, Guid ReplyId, string AgentName, string Body, DateTimeOffset RepliedAt);

public sealed record InquiryLinksQuery(IReadOnlyList<Guid> InquiryIds, DateTimeOffset ExpiresAt);

public sealed record InquiryLinks(string Email, IReadOnlyList<InquiryLink> Links);

/// <summary>One inquiry's private link: the Lounge's <c>/inquiries/{InquiryId}?token=…</c>.</summary>
public sealed record InquiryLink(Guid InquiryId, DateTimeOffset SubmittedAt, string AccessToken);
