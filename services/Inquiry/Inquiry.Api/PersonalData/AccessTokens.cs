using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SupportPlatform.Inquiry.PersonalData;

/// <summary>The secret of a customer's private link: 256 random bits, base64url; only its SHA-256 is compared.</summary>
public static class AccessTokens
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

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
