using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.PersonalData;

/// <summary>The tokens of 내 문의's links: valid for their inquiry until they expire, under the service's own keys only.</summary>
public sealed class MintingLinkTokens
{
    private static readonly Guid Inquiry = Guid.NewGuid();
    private readonly PersonalDataKeys keys = new(DataKey.New(), RandomNumberGenerator.GetBytes(32));
    private readonly FakeTimeProvider time = new();

    [Fact]
    public void A_token_opens_its_inquiry_until_it_expires()
    {
        var tokens = new LinkTokens(keys, time);
        var token = tokens.Mint(Inquiry, time.GetUtcNow().AddDays(7));

        Assert.True(LinkTokens.IsLinkToken(token));
        Assert.True(tokens.Verify(Inquiry, token));
        time.Advance(TimeSpan.FromDays(7));
        Assert.False(tokens.Verify(Inquiry, token));
    }

    [Fact]
    public void Another_inquiry_another_key_a_later_expiry_or_garbage_does_not_verify()
    {
        var tokens = new LinkTokens(keys, time);
        var expiry = time.GetUtcNow().AddDays(7);
        var token = tokens.Mint(Inquiry, expiry);
        var stretched = token.Replace($".{expiry.ToUnixTimeSeconds()}.", $".{expiry.AddYears(1).ToUnixTimeSeconds()}.", StringComparison.Ordinal);

        Assert.False(tokens.Verify(Guid.NewGuid(), token));
        Assert.False(new LinkTokens(new PersonalDataKeys(DataKey.New(), RandomNumberGenerator.GetBytes(32)), time).Verify(Inquiry, token));
        Assert.False(tokens.Verify(Inquiry, stretched));
        Assert.False(tokens.Verify(Inquiry, "L1.99999999999999999999.AAAA"));
        Assert.False(tokens.Verify(Inquiry, "L1.garbage"));
        Assert.False(tokens.Verify(Inquiry, "not-a-link-token"));
    }

    /// <summary>Link-token shapes an attacker can send; every one is refused, none throws.</summary>
    public static TheoryData<string> MalformedTokens() => [.. MalformedTokenShapes()];

    public static string[] MalformedTokenShapes()
    {
        var future = DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds();
        return
        [
            "", "L1.", "L1..", $"L1.{future}.", $"L1.{future}.AB", $"L1.{future}.A", $"L1.{future}.AAA", $"L1.{future}.!!!!",
            $"L1.{future}.A===", $"L1.{future}.AB.CD", $"L1.{future}.{new string('A', 42)}", $"L1.{future}.{new string('A', 44)}",
            $"L1.{future}.{new string('A', 120)}", $"L1.{future}.{new string('/', 43)}", $"L1.{future}.{new string('한', 43)}",
            $"L1.{future}.😀😀", "L1.-5.AAAA", "L1.+99999999999.AAAA", "L1.9223372036854775807.AAAA", "L1.99999999999999999999999.AB",
            $"L1.{future} .AB", $"L1.٣٣٣٣٣٣٣٣٣٣.AB", "l1.x.y", $"L2.{future}.AB",
        ];
    }

    [Theory]
    [MemberData(nameof(MalformedTokens))]
    public void A_malformed_token_is_refused_without_an_exception(string token)
    {
        var tokens = new LinkTokens(keys, time);

        Assert.False(tokens.Verify(Inquiry, token));
    }

    [Fact]
    public void A_token_with_one_signature_character_changed_is_refused()
    {
        var tokens = new LinkTokens(keys, time);
        var token = tokens.Mint(Inquiry, time.GetUtcNow().AddDays(7));
        var last = token[^1] == 'A' ? 'B' : 'A';

        Assert.False(tokens.Verify(Inquiry, token[..^1] + last));
    }
}
