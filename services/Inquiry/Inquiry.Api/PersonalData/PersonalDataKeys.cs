using System.Text;
using Microsoft.Extensions.Configuration;

namespace SupportPlatform.Inquiry.PersonalData;

/// <summary>
/// The service-wide secrets: the master keys that wrap every inquiry's data key (so a database
/// dump alone reveals nothing) and the lookup keys of the keyed hashes (email, search terms). They
/// come from configuration only, never from the database, and no value of theirs is ever logged.
/// </summary>
public sealed class PersonalDataKeys(MasterKeys masterKeys, LookupKeys lookupKeys)
{
    public PersonalDataKeys(DataKey masterKey, byte[] lookupKey)
        : this(
            new MasterKeys(MasterKeys.InitialId, masterKey, new Dictionary<string, DataKey>()),
            new LookupKeys(new KeyRing<byte[]>(KeyIds.Initial, lookupKey, new Dictionary<string, byte[]>())))
    {
    }

    public MasterKeys MasterKeys { get; } = masterKeys;

    public LookupKeys LookupKeys { get; } = lookupKeys;

    /// <summary>
    /// <c>PersonalData:MasterKey</c> and <c>PersonalData:LookupKey</c> are the current keys, named by
    /// <c>PersonalData:MasterKeyId</c> and <c>PersonalData:LookupKeyId</c> (<see cref="KeyIds.Initial"/> when
    /// unset); <c>PersonalData:AcceptedMasterKeys:&lt;id&gt;</c> and <c>PersonalData:AcceptedLookupKeys:&lt;id&gt;</c>
    /// only read: the next key before it is made current, the older ones until the rotation is done.
    /// </summary>
    public static PersonalDataKeys FromConfiguration(IConfiguration configuration) => new(
        new MasterKeys(KeyRing<DataKey>.FromConfiguration(configuration, "PersonalData", "MasterKey", key => new DataKey(key))),
        new LookupKeys(KeyRing<byte[]>.FromConfiguration(configuration, "PersonalData", "LookupKey", key => key)));
}

public static class EmailAddresses
{
    /// <summary>The form compared for lookups: trimmed, NFC, lower case.</summary>
    public static string Normalize(string email) => email.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();
}
