namespace SupportPlatform.Inquiry.PersonalData;

/// <summary>
/// Private-link tokens minted again for 내 문의 (the first token exists only as a hash, so it cannot
/// be sent twice): <c>L1.{expiry}.{HMAC}</c> over the inquiry id and the expiry, with a key derived
/// from the lookup keys.
/// </summary>
public sealed class LinkTokens(PersonalDataKeys keys, TimeProvider time)
{
    private const string Prefix = "L1.";
    private readonly ExpiringTokens tokens = new(keys.LookupKeys.DeriveKeys("inquiry-link-token-v1"), Prefix, time);

    public static bool IsLinkToken(string token) => token.StartsWith(Prefix, StringComparison.Ordinal);

    public string Mint(Guid inquiryId, DateTimeOffset expiresAt) => tokens.Mint(inquiryId, expiresAt);

    public bool Verify(Guid inquiryId, string token) => tokens.Verify(inquiryId, token);
}
