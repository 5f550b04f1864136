using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SupportPlatform.Inquiry.PersonalData;

/// <summary>
/// Private-link tokens minted again for 내 문의 (the first token exists only as a hash, so it cannot
/// be sent twice): <c>L1.{expiry}.{HMAC}</c> over the inquiry id and the expiry, with a key derived
/// from the lookup key. Nothing is stored; an expired or foreign token simply does not verify.
/// </summary>
public sealed class LinkTokens(PersonalDataKeys keys, TimeProvider time)
{
    private const string Prefix = "L1.";
    private readonly byte[] key = keys.DeriveKey("inquiry-link-token-v1");

    public static bool IsLinkToken(string token) => token.StartsWith(Prefix, StringComparison.Ordinal);

    public string Mint(Guid inquiryId, DateTimeOffset expiresAt)
    {
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{Prefix}{expiry}.{Base64Url.EncodeToString(Sign(inquiryId, expiry))}";
    }

    public bool Verify(Guid inquiryId, string token)
    {
        if (!IsLinkToken(token) || token.Length > 128 || token[Prefix.Length..].Split('.') is not [var expiry, var signature]
            || !long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799)) <= time.GetUtcNow())
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[64];
        return Base64Url.TryDecodeFromChars(signature, presented, out var length)
            && CryptographicOperations.FixedTimeEquals(presented[..length], Sign(inquiryId, expiry));
    }

    private byte[] Sign(Guid inquiryId, string expiry) =>
        HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{inquiryId:N}.{expiry}"));
}
