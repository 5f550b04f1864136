using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace SupportPlatform.Inquiry.PersonalData;

/// <summary>
/// A bearer token for one id until a time: <c>{prefix}{expiry}.{HMAC}</c> over the id and the expiry,
/// with a key of its own purpose. Nothing is stored; an expired, foreign or garbled token simply
/// does not verify. The private links of 내 문의 and the upload tokens are both of this kind.
/// <paramref name="keys"/> is the purpose's key from every configured lookup key, current first: the
/// first mints, any verifies, so a token minted before a lookup key rotation works until it expires
/// or its key is removed.
/// </summary>
public sealed class ExpiringTokens(IReadOnlyList<byte[]> keys, string prefix, TimeProvider time)
{
    /// <summary>The last second <see cref="DateTimeOffset"/> can hold (9999-12-31): later expiries are clamped, not thrown on.</summary>
    private const long LatestUnixSeconds = 253402300799;

    public bool IsOfThisKind(string token) => token.StartsWith(prefix, StringComparison.Ordinal);

    public string Mint(Guid id, DateTimeOffset expiresAt)
    {
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{prefix}{expiry}.{Signature(keys[0], id, expiry)}";
    }

    /// <summary>
    /// Any malformed token (short, garbled, over-long, a number past year 9999) is simply false:
    /// callers answer it like a wrong one.
    /// </summary>
    public bool Verify(Guid id, string? token)
    {
        if (token is null || !IsOfThisKind(token) || token.Length > 128 || token[prefix.Length..].Split('.') is not [var expiry, var signature]
            || !long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, LatestUnixSeconds)) <= time.GetUtcNow())
        {
            return false;
        }

        return keys.Any(key => SameText(signature, Signature(key, id, expiry)));
    }

    /// <summary>
    /// The signature is compared as the text it was minted as, not decoded: decoding a garbled one
    /// throws, and a canonical encoding has one spelling. Its length is public (43 characters), so
    /// only equal lengths are compared, in time that does not depend on how much of a guess is right.
    /// </summary>
    private static bool SameText(string presented, string expected) =>
        presented.Length == expected.Length
        && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(presented.AsSpan()), MemoryMarshal.AsBytes(expected.AsSpan()));

    private static string Signature(byte[] key, Guid id, string expiry) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{id:N}.{expiry}")));
}
