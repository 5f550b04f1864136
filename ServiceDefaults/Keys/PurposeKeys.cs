using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace SupportPlatform.ServiceDefaults.Keys;

/// <summary>
/// A key for each purpose (a keyed hash, a kind of token), so that rotating one secret never
/// invalidates what another purpose stored. A purpose's key is configured on its own
/// (<c>Keys:&lt;Setting&gt;</c>, base64 of 32 bytes), or derived with HKDF-SHA256 from the root
/// <c>Keys:Root</c> with the purpose's name as the info; the configured one wins, which is how an
/// existing deployment keeps the key its stored hashes were made with (docs/operations.md).
/// </summary>
public static class PurposeKeys
{
    public const int Size = 32;

    /// <summary>The purpose's key, or null when neither it nor the root is configured.</summary>
    public static byte[]? Find(IConfiguration configuration, string setting, string purpose)
    {
        if (configuration[$"Keys:{setting}"] is { Length: > 0 } own)
        {
            return Decode(own, $"Keys:{setting}");
        }

        return configuration["Keys:Root"] is { Length: > 0 } root ? Derive(Decode(root, "Keys:Root"), purpose) : null;
    }

    public static byte[] Derive(byte[] root, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, root, Size, salt: [], info: Encoding.UTF8.GetBytes(purpose));

    private static byte[] Decode(string value, string name)
    {
        byte[]? key;
        try
        {
            key = Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            key = null;
        }

        return key is { Length: Size }
            ? key
            : throw new InvalidOperationException($"{name} must be a base64-encoded {Size}-byte key; generate one with `openssl rand -base64 32`.");
    }
}
