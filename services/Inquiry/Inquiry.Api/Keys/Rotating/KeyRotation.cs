using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Keys.Rotating;

/// <summary>Both key moves together, as the job, the command and the status API see them.</summary>
public sealed class KeyRotation(MasterKeyRewrap masterKeys, LookupKeyRehash lookupKeys, PersonalDataKeys keys)
{
    public MasterKeyRewrap MasterKeys => masterKeys;

    public LookupKeyRehash LookupKeys => lookupKeys;

    public async Task<KeyRotationStatus> StatusAsync(CancellationToken cancellationToken) => KeyRotationStatuses.Of(
        keys.MasterKeys,
        await masterKeys.UsageAsync(cancellationToken),
        masterKeys.LastRun,
        LookupKeyRotationStatuses.Of(keys.LookupKeys, await lookupKeys.UsageAsync(cancellationToken), lookupKeys.LastRun));
}
