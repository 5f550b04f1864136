using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SupportPlatform.Inquiry.PersonalData;

/// <summary>
/// The secret of a customer's private link: 256 bits derived from the inquiry's own data key, base64url.
/// Only its SHA-256 is stored and compared; the token itself is computed again when an email needs
/// it, so it exists nowhere at rest, and shredding the key makes it unrecoverable with everything else.
/// </summary>
public static class AccessTokens
{
    public static string Derive(DataKey key, Guid inquiryId) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key.Bytes, Encoding.ASCII.GetBytes($"access-token:{inquiryId:N}")));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Constant-time comparison, so response timing does not leak how much of a guess was right.</summary>
    public static bool Matches(string? presented, string storedHash)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 128)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(presented)),
            Encoding.ASCII.GetBytes(storedHash));
    }
}
