using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SupportPlatform.ServiceDefaults.Clients;

namespace SupportPlatform.Lounge.Apis;

public sealed record ConsentItem(string Name, bool Required);

public sealed record ConsentPolicy(string Version, IReadOnlyList<ConsentItem> Items, string Purpose, string Retention, string Text);

public sealed record ConsentAnswer(bool Accepted, string? PolicyVersion);

public sealed record NewInquiry(
    string? Email,
    string? CompanyName,
    string? Phone,
    string? Summary,
    string? Details,
    ConsentAnswer Consent,
    IReadOnlyList<Guid> AttachmentIds,
    string Language,
    string? RecommendationSessionId,
    IReadOnlyList<string> UploadTokens);

public sealed record InquiryReceipt(Guid InquiryId, string AccessToken, string Status);

/// <summary>An upload; its token, sent back with the id at submission, shows that this visitor uploaded it.</summary>
public sealed record UploadedAttachment(Guid AttachmentId, string UploadToken, string FileName, string ContentType, long Size);

public sealed record AttachmentView(Guid AttachmentId, string FileName, string ContentType, long Size);

/// <summary>One message of the thread; <c>Channel</c> (web or email) says how a customer's message came.</summary>
public sealed record MessageView(Guid Id, string Author, string? AgentName, string Body, DateTimeOffset At, string? Channel = null, IReadOnlyList<AttachmentView>? Attachments = null);

public sealed record InquiryView(
    Guid InquiryId,
    string Status,
    string? WaitingOn,
    DateTimeOffset SubmittedAt,
    DateTimeOffset LastActivityAt,
    string Email,
    string CompanyName,
    string? Phone,
    string Summary,
    string Details,
    IReadOnlyList<AttachmentView> Attachments,
    IReadOnlyList<MessageView> Messages);

/// <summary>The satisfaction survey of a closed inquiry; the score given so far, never its comment.</summary>
public sealed record SurveyView(Guid InquiryId, bool CanRate, int? Score, DateTimeOffset? RatedAt, DateTimeOffset? ChangeableUntil);

/// <summary>
/// The public Inquiry API, exactly as any third-party front end calls it (DESIGN.md, HTTP contract):
/// no shared code with the service, only its JSON.
/// </summary>
public sealed class InquiryApi(HttpClient http)
{
    public const string TokenHeader = "X-Inquiry-Token";

    public async Task<ConsentPolicy> GetConsentPolicyAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("/api/consent-policy", cancellationToken);
        ApiBusyException.ThrowIfBusy(response);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<ConsentPolicy>(ApiJson.Options, cancellationToken)
            ?? throw new InvalidOperationException("The Inquiry API answered an empty consent policy.");
    }

    public async Task<ServiceResult<UploadedAttachment>> UploadAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        using var response = await http.PostAsync("/api/attachments", form, cancellationToken);
        return await ServiceResult<UploadedAttachment>.ReadAsync(response, ApiJson.Options, cancellationToken);
    }

    public async Task<ServiceResult<InquiryReceipt>> SubmitAsync(NewInquiry inquiry, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/inquiries", inquiry, ApiJson.Options, cancellationToken);
        return await ServiceResult<InquiryReceipt>.ReadAsync(response, ApiJson.Options, cancellationToken);
    }

    /// <summary>Null when the id or the token is wrong: the API does not say which.</summary>
    public async Task<InquiryView?> GetAsync(Guid inquiryId, string token, CancellationToken cancellationToken)
    {
        if (!IsSendable(token))
        {
            return null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/inquiries/{inquiryId}");
        request.Headers.Add(TokenHeader, token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        ApiBusyException.ThrowIfBusy(response);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<InquiryView>(ApiJson.Options, cancellationToken);
    }

    public async Task<ServiceResult<object>> FollowUpAsync(Guid inquiryId, string token, string? body, CancellationToken cancellationToken)
    {
        if (!IsSendable(token))
        {
            return ServiceResult<object>.Failed(HttpStatusCode.NotFound, "Inquiry not found");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/inquiries/{inquiryId}/messages")
        {
            Content = JsonContent.Create(new { body }, options: ApiJson.Options),
        };
        request.Headers.Add(TokenHeader, token);
        using var response = await http.SendAsync(request, cancellationToken);
        return await ServiceResult<object>.ReadAsync(response, ApiJson.Options, cancellationToken);
    }

    public const string SurveyTokenHeader = "X-Survey-Token";

    /// <summary>Reads the survey (records nothing); null when the id or the token is wrong.</summary>
    public async Task<SurveyView?> GetSurveyAsync(Guid inquiryId, string token, CancellationToken cancellationToken)
    {
        if (!IsSendable(token))
        {
            return null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/inquiries/{inquiryId}/satisfaction");
        request.Headers.Add(SurveyTokenHeader, token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        ApiBusyException.ThrowIfBusy(response);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<SurveyView>(ApiJson.Options, cancellationToken);
    }

    /// <summary>Records (or changes) the rating; the only call that does.</summary>
    public async Task<ServiceResult<SurveyView>> RateAsync(Guid inquiryId, string token, int? score, string? comment, CancellationToken cancellationToken)
    {
        if (!IsSendable(token))
        {
            return ServiceResult<SurveyView>.Failed(HttpStatusCode.NotFound, "Inquiry not found");
        }

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/inquiries/{inquiryId}/satisfaction")
        {
            Content = JsonContent.Create(new { score, comment }, options: ApiJson.Options),
        };
        request.Headers.Add(SurveyTokenHeader, token);
        using var response = await http.SendAsync(request, cancellationToken);
        return await ServiceResult<SurveyView>.ReadAsync(response, ApiJson.Options, cancellationToken);
    }

    /// <summary>Asks for the email listing the links to every inquiry of an address; the answer never says whether it has any.</summary>
    public async Task<ServiceResult<object>> RequestLinksAsync(string? email, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/inquiry-links", new { email, language = "ko" }, ApiJson.Options, cancellationToken);
        return await ServiceResult<object>.ReadAsync(response, ApiJson.Options, cancellationToken);
    }

    /// <summary>
    /// A token from a link's query string goes into a header: control characters or non-ASCII would
    /// make the request itself throw, so such a token is a wrong token, not an error. Real ones are
    /// base64url or <c>L1.…</c>, well under 256 characters.
    /// </summary>
    public static bool IsSendable(string? token) =>
        token is { Length: > 0 and <= 256 } && token.All(c => c is > ' ' and <= '~');
}
