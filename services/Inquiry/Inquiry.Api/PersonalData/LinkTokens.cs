using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
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

    /// <summary>
    /// Any malformed token (short, garbled, over-long, a number past year 9999) is simply false:
    /// the caller answers it with the same 404 as a wrong one.
    /// </summary>
    public bool Verify(Guid inquiryId, string token)
    {
        if (!IsLinkToken(token) || token.Length > 128 || token[Prefix.Length..].Split('.') is not [var expiry, var signature]
            || !long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799)) <= time.GetUtcNow())
        {
            return false;
        }

        return SameText(signature, Base64Url.EncodeToString(Sign(inquiryId, expiry)));
    }

    /// <summary>
    /// The signature is compared as the text it was minted as, not decoded: decoding a garbled one
    /// throws, and a canonical encoding has one spelling. Its length is public (43 characters), so
    /// only equal lengths are compared, in time that does not depend on how much of a guess is right.
    /// </summary>
    private static bool SameText(string presented, string expected) =>
        presented.Length == expected.Length
        && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(presented.AsSpan()), MemoryMarshal.AsBytes(expected.AsSpan()));

    private byte[] Sign(Guid inquiryId, string expiry) =>
        HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{inquiryId:N}.{expiry}"));
}
