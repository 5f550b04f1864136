using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SupportPlatform.Inquiry.PersonalData;

/// <summary>
/// The secret of the satisfaction survey link: derived from the inquiry's data key like the private
/// link (<see cref="AccessTokens"/>), under another purpose, so the survey link cannot open the
/// thread. Nothing is stored: it is computed again to check it, and shredding the key ends it.
/// </summary>
public static class SurveyTokens
{
    public const string Header = "X-Survey-Token";

    public static string Derive(DataKey key, Guid inquiryId) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key.Bytes, Encoding.ASCII.GetBytes($"satisfaction-survey:{inquiryId:N}")));

    /// <summary>Constant-time comparison, so response timing does not leak how much of a guess was right.</summary>
    public static bool Matches(string? presented, DataKey key, Guid inquiryId)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 128)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(Derive(key, inquiryId)));
    }
}
