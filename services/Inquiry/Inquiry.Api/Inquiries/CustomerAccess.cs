using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Inquiries;

/// <summary>
/// The customer's private link: the token in <c>X-Inquiry-Token</c> must hash to the one stored at
/// submission. Unknown id, missing token and wrong token look the same to the caller.
/// </summary>
public sealed class CustomerAccess(InquiryStreams streams)
{
    public const string TokenHeader = "X-Inquiry-Token";

    public async Task<LoadedInquiry?> OpenAsync(Guid inquiryId, HttpRequest request, CancellationToken cancellationToken)
    {
        var token = request.Headers[TokenHeader].ToString();
        if (token.Length == 0)
        {
            return null;
        }

        var inquiry = await streams.LoadAsync(inquiryId, cancellationToken);
        return inquiry is not null && AccessTokens.Matches(token, inquiry.Submission.AccessTokenHash) ? inquiry : null;
    }
}
