using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using SupportPlatform.Inquiry.PersonalData;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.PersonalData;

public sealed class SealingPersonalData
{
    private static readonly Guid Inquiry = Guid.NewGuid();

    [Fact]
    public void A_sealed_value_opens_with_its_key_and_inquiry_and_hides_the_text()
    {
        var key = DataKey.New();
        const string text = "다우테크 주식회사 <kim@example.co.kr>";

        var sealedValue = key.Seal(Inquiry, text);

        Assert.Equal(text, key.Open(Inquiry, sealedValue));
        Assert.DoesNotContain("example", Encoding.UTF8.GetString(Convert.FromBase64String(sealedValue.Cipher)), StringComparison.Ordinal);
        Assert.NotEqual(sealedValue, key.Seal(Inquiry, text));
    }

    [Fact]
    public void Another_key_another_inquiry_or_a_flipped_bit_does_not_open()
    {
        var key = DataKey.New();
        var sealedValue = key.Seal(Inquiry, "010-1234-5678");
        var tampered = Convert.FromBase64String(sealedValue.Cipher);
        tampered[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => DataKey.New().Open(Inquiry, sealedValue));
        Assert.ThrowsAny<CryptographicException>(() => key.Open(Guid.NewGuid(), sealedValue));
        Assert.ThrowsAny<CryptographicException>(() => key.Open(Inquiry, new Sealed(Convert.ToBase64String(tampered))));
    }

    [Fact]
    public void A_wrapped_data_key_unwraps_only_with_the_master_key_for_its_inquiry()
    {
        var master = DataKey.New();
        var dataKey = DataKey.New();

        var wrapped = master.Wrap(Inquiry, dataKey);

        Assert.Equal(dataKey.Bytes.ToArray(), master.Unwrap(Inquiry, wrapped).Bytes.ToArray());
        Assert.ThrowsAny<CryptographicException>(() => master.Unwrap(Guid.NewGuid(), wrapped));
        Assert.ThrowsAny<CryptographicException>(() => DataKey.New().Unwrap(Inquiry, wrapped));
    }

    [Fact]
    public void Email_lookups_ignore_case_spacing_and_unicode_form_but_not_the_lookup_key()
    {
        var keys = new PersonalDataKeys(DataKey.New(), RandomNumberGenerator.GetBytes(32)).LookupKeys;
        var composed = "김민지@회사.kr";
        var decomposed = composed.Normalize(NormalizationForm.FormD);

        Assert.NotEqual(composed, decomposed);
        Assert.Equal(keys.EmailHash(composed), keys.EmailHash("  " + decomposed.ToUpperInvariant() + " "));
        Assert.Equal(keys.EmailHash("Kim@Example.com"), keys.EmailHash("kim@example.com"));
        Assert.NotEqual(keys.EmailHash("kim@example.com"), keys.EmailHash("lee@example.com"));
        Assert.NotEqual(keys.EmailHash("kim@example.com"), new PersonalDataKeys(DataKey.New(), RandomNumberGenerator.GetBytes(32)).LookupKeys.EmailHash("kim@example.com"));
        Assert.Equal(64, keys.EmailHash("kim@example.com").Length);
    }

    [Fact]
    public void Access_tokens_are_long_url_safe_and_match_only_themselves()
    {
        var key = DataKey.New();
        var inquiryId = Guid.NewGuid();
        var token = AccessTokens.Derive(key, inquiryId);
        var hash = AccessTokens.Hash(token);

        Assert.Equal(43, token.Length);
        Assert.DoesNotContain('+', token);
        Assert.DoesNotContain('/', token);
        Assert.True(AccessTokens.Matches(token, hash));
        Assert.Equal(token, AccessTokens.Derive(key, inquiryId));
        Assert.False(AccessTokens.Matches(AccessTokens.Derive(key, Guid.NewGuid()), hash));
        Assert.False(AccessTokens.Matches(AccessTokens.Derive(DataKey.New(), inquiryId), hash));
        Assert.False(AccessTokens.Matches(token[..^1], hash));
        Assert.False(AccessTokens.Matches(null, hash));
        Assert.False(AccessTokens.Matches(string.Empty, hash));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void A_missing_or_malformed_master_key_is_a_clear_configuration_error(string? masterKey)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PersonalData:MasterKey"] = masterKey,
            ["PersonalData:LookupKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => PersonalDataKeys.FromConfiguration(configuration));
        Assert.Contains("PersonalData:MasterKey", error.Message, StringComparison.Ordinal);
    }
}
