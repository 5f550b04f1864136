using System.Security.Cryptography;
using System.Text;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.PersonalData;

/// <summary>
/// The token of an inquiry's reply address (<see cref="ReplyAddresses"/>), derived from its data key
/// like the access token (<see cref="AccessTokens"/>) but for another purpose, so one never reveals the
/// other. Nothing of it is stored: shredding the key ends the address with everything else.
/// </summary>
public static class ReplyTokens
{
    public static string Derive(DataKey key, Guid inquiryId) => ReplyAddresses.Token(inquiryId, Tag(key, inquiryId));

    /// <summary>True when the token is this inquiry's; constant-time in the tag.</summary>
    public static bool Matches(DataKey key, Guid inquiryId, string? token) =>
        token is not null
        && ReplyAddresses.TryRead(token, out var id, out var tag)
        && id == inquiryId
        && CryptographicOperations.FixedTimeEquals(tag, Tag(key, inquiryId));

    private static byte[] Tag(DataKey key, Guid inquiryId) =>
        HMACSHA256.HashData(key.Bytes, Encoding.ASCII.GetBytes($"reply-token:{inquiryId:N}"))[..ReplyAddresses.TagSize];
}
