using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Keys.Rotating;
using SupportPlatform.Inquiry.PersonalData;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.PersonalData;

/// <summary>
/// Lookup keys with ids: a stored hash names the key that made it, lookups during a rotation find
/// hashes of every configured key and of no other, and the status says when an old key is unused.
/// </summary>
public sealed class HashingWithSeveralLookupKeys
{
    private static readonly byte[] Old = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] New = RandomNumberGenerator.GetBytes(32);

    private static LookupKeys Before => Ring(KeyIds.Initial, Old);

    private static LookupKeys During => Ring("2027-01", New, (KeyIds.Initial, Old));

    private static LookupKeys After => Ring("2027-01", New);

    [Fact]
    public void The_initial_keys_hashes_stay_bare_hex_as_stored_before_key_ids_and_a_later_keys_name_it()
    {
        var stored = Before.EmailHash("kim@example.com");
        var rotated = During.EmailHash("kim@example.com");

        Assert.Matches("^[0-9a-f]{64}$", stored);
        Assert.Equal(KeyIds.Initial, LookupKeys.KeyIdOf(stored));
        Assert.Matches("^2027-01:[0-9a-f]{64}$", rotated);
        Assert.Equal("2027-01", LookupKeys.KeyIdOf(rotated));
        Assert.All(During.SearchTokens("랜섬웨어 관련", "다우테크"), token => Assert.StartsWith("2027-01:", token, StringComparison.Ordinal));
        Assert.Equal(Before.SearchTokens("랜섬웨어"), During.SearchTokenSets("랜섬웨어")[1]);
    }

    [Fact]
    public void During_a_rotation_an_address_matches_its_hash_of_either_key_and_after_it_only_the_new_one()
    {
        var old = Before.EmailHash("kim@example.com");
        var rotated = After.EmailHash("kim@example.com");

        Assert.Equal([rotated, old], During.EmailHashes("Kim@Example.com "));
        Assert.True(During.Matches("kim@example.com", old));
        Assert.True(During.Matches("kim@example.com", rotated));
        Assert.False(During.Matches("lee@example.com", old));
        Assert.False(After.Matches("kim@example.com", old));
        Assert.Equal([rotated], After.EmailHashes("kim@example.com"));
    }

    [Fact]
    public void A_link_minted_before_the_switch_verifies_while_its_key_is_accepted_and_not_after()
    {
        var time = new FakeTimeProvider();
        var inquiry = Guid.NewGuid();
        var token = new ExpiringTokens(Before.DeriveKeys("inquiry-link-token-v1"), "L1.", time).Mint(inquiry, time.GetUtcNow().AddDays(7));
        var during = new ExpiringTokens(During.DeriveKeys("inquiry-link-token-v1"), "L1.", time);

        Assert.True(during.Verify(inquiry, token));
        Assert.True(during.Verify(inquiry, during.Mint(inquiry, time.GetUtcNow().AddDays(7))));
        Assert.False(new ExpiringTokens(After.DeriveKeys("inquiry-link-token-v1"), "L1.", time).Verify(inquiry, token));
    }

    [Fact]
    public void An_old_key_is_removable_only_when_no_inquiry_no_queue_entry_and_no_mixed_inquiry_may_hold_its_hashes()
    {
        static LookupKeyRotationStatus Status(long oldInquiries, long oldEntries, long mixed) => LookupKeyRotationStatuses.Of(
            During,
            new LookupKeyUsages(new Dictionary<string, (long, long)> { ["2027-01"] = (10, 10), [KeyIds.Initial] = (oldInquiries, oldEntries), ["lost"] = (0, 1) }, mixed),
            null);

        var moving = Status(3, 3, 0);
        var projectionBehind = Status(0, 1, 0);
        var mixed = Status(0, 0, 2);
        var done = Status(0, 0, 0);

        Assert.Equal(("2027-01", 7L), (moving.CurrentLookupKey, moving.Remaining));
        Assert.Equal(["2027-01", KeyIds.Initial, "lost"], moving.LookupKeys.Select(k => k.KeyId));
        Assert.Empty(moving.Removable);
        Assert.Empty(projectionBehind.Removable);
        Assert.Equal(3L, mixed.Remaining);
        Assert.Empty(mixed.Removable);
        Assert.Equal([KeyIds.Initial], done.Removable);
        Assert.Equal(["lost"], done.Missing);
    }

    [Fact]
    public void Lookup_keys_come_from_configuration_with_their_ids_and_the_current_id_cannot_also_be_accepted()
    {
        var settings = new Dictionary<string, string?>
        {
            ["PersonalData:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["PersonalData:LookupKey"] = Convert.ToBase64String(New),
            ["PersonalData:LookupKeyId"] = "2027-01",
            ["PersonalData:AcceptedLookupKeys:initial"] = Convert.ToBase64String(Old),
        };

        var keys = PersonalDataKeys.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).LookupKeys;
        Assert.Equal(["2027-01", KeyIds.Initial], keys.Ids);
        Assert.Equal(During.EmailHashes("kim@example.com"), keys.EmailHashes("kim@example.com"));

        settings["PersonalData:AcceptedLookupKeys:2027-01"] = Convert.ToBase64String(Old);
        var twice = Assert.Throws<InvalidOperationException>(() => PersonalDataKeys.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
        Assert.Contains("PersonalData:AcceptedLookupKeys:2027-01", twice.Message, StringComparison.Ordinal);
        settings.Remove("PersonalData:AcceptedLookupKeys:2027-01");
        settings["PersonalData:AcceptedLookupKeys:initial"] = "c2hvcnQ=";
        var malformed = Assert.Throws<InvalidOperationException>(() => PersonalDataKeys.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
        Assert.Contains("PersonalData:AcceptedLookupKeys:initial", malformed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2hvcnQ=", malformed.Message, StringComparison.Ordinal);
    }

    private static LookupKeys Ring(string currentId, byte[] current, params (string Id, byte[] Key)[] accepted) =>
        new(new KeyRing<byte[]>(currentId, current, accepted.ToDictionary(a => a.Id, a => a.Key)));
}
