using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Attachments;
using SupportPlatform.Inquiry.Consent;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Inquiries.Submitting;

public sealed record ConsentAnswer(bool Accepted, string? PolicyVersion);

/// <summary>
/// The 1:1 inquiry form. Details are Markdown, stored and returned as text, never rendered.
/// <c>uploadTokens[i]</c> is the token the upload of <c>attachmentIds[i]</c> answered.
/// </summary>
public sealed record SubmitInquiryRequest(
    string? Email,
    string? CompanyName,
    string? Phone,
    string? Summary,
    string? Details,
    ConsentAnswer? Consent,
    IReadOnlyList<Guid>? AttachmentIds,
    string? Language,
    string? RecommendationSessionId,
    IReadOnlyList<string?>? UploadTokens = null);

public sealed record InquiryReceipt(Guid InquiryId, string AccessToken, string Status);

/// <summary>A submission that passed validation: normalised text, consent checked.</summary>
public sealed record ValidSubmission(
    string Email,
    string CompanyName,
    string? Phone,
    string Summary,
    string Details,
    string ConsentPolicyVersion,
    IReadOnlyList<Guid> AttachmentIds,
    string Language,
    string? RecommendationSessionId);

public static partial class Submit
{
    public const int MaxEmail = 254;
    public const int MaxCompanyName = 200;
    public const int MaxPhone = 30;
    public const int MaxSummary = 200;
    public const int MaxDetails = 20_000;
    public const int MaxAttachments = 5;
    public const int MaxBodyBytes = 256 * 1024;

    public static RouteGroupBuilder MapSubmit(this RouteGroupBuilder api)
    {
        api.MapPost("/inquiries", Handle)
            .WithBodySizeLimit(MaxBodyBytes)
            .WithName("SubmitInquiry")
            .WithSummary("Files a 1:1 inquiry. Requires consent to the current privacy policy; without it nothing is stored.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    /// <summary>Every field error at once, consent included; nothing is stored unless this is empty.</summary>
    public static (ValidSubmission? Submission, FieldErrors Errors) Validate(SubmitInquiryRequest request, ConsentPolicy policy, UploadTokens uploads)
    {
        var errors = new FieldErrors();
        var email = errors.NewEmail("email", request.Email);

        var company = errors.Text("companyName", request.CompanyName, MaxCompanyName, required: true);
        var phone = errors.Text("phone", request.Phone, MaxPhone, required: false);
        if (phone is not null && phone.Length <= MaxPhone && !PhonePattern().IsMatch(phone))
        {
            errors.Add("phone", "Digits, spaces, +, -, ( ) and . only, with at least 6 digits.");
        }

        var summary = errors.Text("summary", request.Summary, MaxSummary, required: true);
        var details = errors.Text("details", request.Details, MaxDetails, required: true);

        if (policy.Check(request.Consent?.Accepted == true, request.Consent?.PolicyVersion) is { } consentError)
        {
            errors.Add("consent", consentError);
        }

        var attachmentIds = request.AttachmentIds ?? [];
        if (attachmentIds.Count > MaxAttachments)
        {
            errors.Add("attachmentIds", $"At most {MaxAttachments} attachments per inquiry.");
        }
        else if (attachmentIds.Distinct().Count() != attachmentIds.Count)
        {
            errors.Add("attachmentIds", "An attachment is listed twice.");
        }
        else if (!EachHasItsUploadToken(attachmentIds, request.UploadTokens ?? [], uploads))
        {
            errors.Add("uploadTokens", "Each attachment needs the uploadToken its upload answered, in the order of attachmentIds.");
        }

        var language = request.Language?.Trim().ToLowerInvariant() ?? "ko";
        if (language is not ("ko" or "en"))
        {
            errors.Add("language", "Use \"ko\" or \"en\".");
        }

        var session = errors.Text("recommendationSessionId", request.RecommendationSessionId, 100, required: false);

        return errors.Any
            ? (null, errors)
            : (new ValidSubmission(email!, company!, phone, summary!, details!, policy.Version, attachmentIds, language, session), errors);
    }

    /// <summary>Binds only what the submitter uploaded (issue 20, finding 7): an id alone may be seen by others.</summary>
    private static bool EachHasItsUploadToken(IReadOnlyList<Guid> attachmentIds, IReadOnlyList<string?> tokens, UploadTokens uploads) =>
        tokens.Count == attachmentIds.Count && attachmentIds.Zip(tokens).All(pair => uploads.Verify(pair.First, pair.Second));

    internal static bool IsEmail(string email) =>
        MailAddress.TryCreate(email, out var address) && address.Address == email && EmailPattern().IsMatch(email);

    private static async Task<Results<Created<InquiryReceipt>, ValidationProblem>> Handle(
        SubmitInquiryRequest request, InquirySubmissions submissions, UploadTokens uploads, CancellationToken cancellationToken)
    {
        var (submission, errors) = Validate(request, ConsentPolicy.Current, uploads);
        if (submission is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var receipt = await submissions.SubmitAsync(submission, cancellationToken);
        return receipt is null
            ? Problems.Invalid("attachmentIds", "An attachment does not exist, expired, or belongs to another inquiry.")
            : TypedResults.Created($"/api/inquiries/{receipt.InquiryId}", receipt);
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^(?=(?:\D*\d){6})[0-9+()\-.\s]+$")]
    internal static partial Regex PhonePattern();
}
