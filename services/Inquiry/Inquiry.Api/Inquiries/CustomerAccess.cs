using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Inquiries;

/// <summary>
/// The customer's private link: the token in <c>X-Inquiry-Token</c> must hash to the one stored at
/// submission, or be a link token minted for 내 문의. Unknown id, missing token and wrong token
/// look the same to the caller.
/// </summary>
public sealed class CustomerAccess(InquiryStreams streams, LinkTokens linkTokens)
{
    public const string TokenHeader = "X-Inquiry-Token";

    public async Task<LoadedInquiry?> OpenAsync(Guid inquiryId, HttpRequest request, CancellationToken cancellationToken)
    {
        var token = request.Headers[TokenHeader].ToString();
        if (token.Length == 0)
        {
            return null;
        }

        if (LinkTokens.IsLinkToken(token))
        {
            return linkTokens.Verify(inquiryId, token) ? await streams.LoadAsync(inquiryId, cancellationToken) : null;
        }

        var inquiry = await streams.LoadAsync(inquiryId, cancellationToken);
        return inquiry is not null && AccessTokens.Matches(token, inquiry.Submission.AccessTokenHash) ? inquiry : null;
    }
}
