using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace SupportPlatform.Inquiry.PersonalData;

/// <summary>
/// The service-wide secrets: the master keys that wrap every inquiry's data key (so a database
/// dump alone reveals nothing) and the key of the lookup hashes (email, search terms). They come
/// from configuration only, never from the database, and no value of theirs is ever logged.
/// </summary>
public sealed class PersonalDataKeys(MasterKeys masterKeys, byte[] lookupKey)
{
    public PersonalDataKeys(DataKey masterKey, byte[] lookupKey)
        : this(new MasterKeys(MasterKeys.InitialId, masterKey, new Dictionary<string, DataKey>()), lookupKey)
    {
    }

    public MasterKeys MasterKeys { get; } = masterKeys;

    /// <summary>
    /// <c>PersonalData:MasterKey</c> is the current master key, named by <c>PersonalData:MasterKeyId</c>
    /// (<see cref="MasterKeys.InitialId"/> when unset); <c>PersonalData:AcceptedMasterKeys:&lt;id&gt;</c> only
    /// unwrap: the next key before it is made current, the older ones until the re-wrap is done.
    /// </summary>
    public static PersonalDataKeys FromConfiguration(IConfiguration configuration)
    {
        var currentId = configuration["PersonalData:MasterKeyId"] is { Length: > 0 } id ? id : MasterKeys.InitialId;
        if (!KeyIds.IsValid(currentId))
        {
            throw new InvalidOperationException($"PersonalData:MasterKeyId: {KeyIds.Rule}");
        }

        var accepted = new Dictionary<string, DataKey>(StringComparer.Ordinal);
        foreach (var section in configuration.GetSection("PersonalData:AcceptedMasterKeys").GetChildren())
        {
            if (!KeyIds.IsValid(section.Key))
            {
                throw new InvalidOperationException($"PersonalData:AcceptedMasterKeys: {KeyIds.Rule}");
            }

            accepted[section.Key] = new DataKey(ReadKey(configuration, section.Path));
        }

        if (accepted.ContainsKey(currentId))
        {
            throw new InvalidOperationException($"PersonalData:AcceptedMasterKeys:{currentId} has the id of the current master key (PersonalData:MasterKeyId).");
        }

        return new(
            new MasterKeys(currentId, new DataKey(ReadKey(configuration, "PersonalData:MasterKey")), accepted),
            ReadKey(configuration, "PersonalData:LookupKey"));
    }

    /// <summary>HMAC-SHA256 of the normalised address, hex; equal for addresses that differ only in case, spacing or Unicode form.</summary>
    public string EmailHash(string email) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(lookupKey, Encoding.UTF8.GetBytes(EmailAddresses.Normalize(email))));

    /// <summary>A key for one other purpose, derived from the lookup key (HMAC as a KDF), so no new secret needs distributing.</summary>
    public byte[] DeriveKey(string purpose) => HMACSHA256.HashData(lookupKey, Encoding.UTF8.GetBytes(purpose));

    /// <summary>
    /// Keyed hashes of the search terms of <paramref name="texts"/> (<see cref="Inquiries.Queueing.SearchTerms"/>),
    /// 64 bits each in hex: enough to tell terms apart in one queue, and no plain word is stored.
    /// </summary>
    public string[] SearchTokens(params string?[] texts) =>
        [.. texts.SelectMany(Inquiries.Queueing.SearchTerms.Of).Distinct(StringComparer.Ordinal)
            .Select(term => Convert.ToHexStringLower(HMACSHA256.HashData(SearchKey, Encoding.UTF8.GetBytes(term)).AsSpan(0, 8)))];

    /// <summary>A key of its own for search terms, so a term's hash can never equal an address's.</summary>
    private byte[] SearchKey => field ??= DeriveKey("search-terms");

    private static byte[] ReadKey(IConfiguration configuration, string name)
    {
        var value = configuration[name];
        byte[]? key = null;
        if (!string.IsNullOrWhiteSpace(value))
        {
            try
            {
                key = Convert.FromBase64String(value);
            }
            catch (FormatException)
            {
                key = null;
            }
        }

        return key is { Length: DataKey.Size }
            ? key
            : throw new InvalidOperationException(
                $"{name} must be set to a base64-encoded {DataKey.Size}-byte key ({name.Replace(":", "__", StringComparison.Ordinal)}); generate one with `openssl rand -base64 32`.");
    }
}

public static class EmailAddresses
{
    /// <summary>The form compared for lookups: trimmed, NFC, lower case.</summary>
    public static string Normalize(string email) => email.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();
}
