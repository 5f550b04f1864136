using Microsoft.Extensions.Configuration;
using SupportPlatform.Lounge.Apis;
using SupportPlatform.Lounge.Highlighting;
using SupportPlatform.Lounge.Inquiries;
using SupportPlatform.Lounge.Recommending;
using SupportPlatform.ServiceDefaults;
using Xunit;

namespace SupportPlatform.Lounge.Tests;

public sealed class HighlightingMatches
{
    [Fact]
    public void A_korean_word_matches_with_its_particle_attached()
    {
        var segments = MatchHighlighter.Split("스팸메일 및 랜섬웨어를 막는 방법", "랜섬웨어가 막는");

        Assert.Equal(["랜섬웨어", "막는"], segments.Where(s => s.Matched).Select(s => s.Text));
        Assert.Equal("스팸메일 및 랜섬웨어를 막는 방법", string.Concat(segments.Select(s => s.Text)));
    }

    [Fact]
    public void Latin_matches_ignore_case_and_markup_is_encoded()
    {
        var html = new System.IO.StringWriter();
        MatchHighlighter.Render("[TMSe] <b>SMTP</b> 인증", "smtp").WriteTo(html, System.Text.Encodings.Web.HtmlEncoder.Default);

        Assert.Equal("[TMSe] &lt;b&gt;<mark>SMTP</mark>&lt;/b&gt; &#xC778;&#xC99D;", html.ToString());
    }

    [Fact]
    public void No_query_marks_nothing() =>
        Assert.Equal([new Segment("본문", false)], MatchHighlighter.Split("본문", "  "));
}

public sealed class DecidingWhenToRecommend
{
    [Theory]
    [InlineData("랜섬", true)]
    [InlineData("랜", false)]
    [InlineData("ab", false)]
    [InlineData("rbl", true)]
    [InlineData("  ", false)]
    public void Korean_counts_from_two_characters_latin_from_three(string text, bool worthAsking) =>
        Assert.Equal(worthAsking, RecommendationText.IsWorthAsking(text));
}

public sealed class WritingTheConsentTable
{
    [Fact]
    public void The_items_read_as_the_seed_table() =>
        Assert.Equal("(필수) 이메일 주소, 회사명 (선택) 전화번호",
            ConsentText.Items([new ConsentItem("email", true), new ConsentItem("companyName", true), new ConsentItem("phone", false)]));

    [Theory]
    [InlineData("P3Y", "관련법령에 따라 3년간 보관 후 삭제")]
    [InlineData("P1Y6M", "관련법령에 따라 1년 6개월간 보관 후 삭제")]
    [InlineData("P", "P")]
    [InlineData("P30D", "P30D")]
    public void The_retention_period_reads_in_korean(string period, string text) =>
        Assert.Equal(text, ConsentText.Retention(period));
}

public sealed class TranslatingFieldErrors
{
    [Theory]
    [InlineData("email", "Not a valid email address.", "올바른 이메일 주소를 입력해 주세요. (예: name@company.co.kr)")]
    [InlineData("summary", "This field is required.", "필수 입력 항목입니다.")]
    [InlineData("details", "At most 20000 characters.", "20000자까지 입력할 수 있습니다.")]
    [InlineData("consent", "Consent to the privacy policy is required; without it the inquiry cannot be received.", FieldMessages.ConsentRequired)]
    [InlineData("language", "Use \"ko\" or \"en\".", "Use \"ko\" or \"en\".")]
    public void Api_messages_become_korean_and_unknown_ones_pass_through(string field, string message, string korean) =>
        Assert.Equal(korean, FieldMessages.ToKorean(field, message));
}

public sealed class ConfiguringCors
{
    [Fact]
    public void No_origin_is_allowed_by_default() =>
        Assert.Empty(FrontEndCors.AllowedOrigins(new ConfigurationBuilder().Build()));

    [Fact]
    public void Origins_come_as_a_list_or_comma_separated_and_bad_ones_are_dropped()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cors:AllowedOrigins:0"] = "https://a.example/",
            ["Cors:AllowedOrigins:1"] = "https://b.example, not a url, ftp://c.example",
        }).Build();

        Assert.Equal(["https://a.example", "https://b.example"], FrontEndCors.AllowedOrigins(configuration));
    }
}

public sealed class LimitingMyInquiries
{
    [Fact]
    public void A_client_gets_the_configured_number_of_requests_per_minute()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Lounge:MyInquiriesPermitsPerMinute"] = "2" }).Build();
        using var limiter = new SupportPlatform.Lounge.MyInquiries.MyInquiriesLimiter(configuration);
        var client = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        client.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("203.0.113.7");
        var other = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        other.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("203.0.113.8");

        Assert.Equal([true, true, false], new[] { limiter.TryAcquire(client), limiter.TryAcquire(client), limiter.TryAcquire(client) });
        Assert.True(limiter.TryAcquire(other));
    }
}

public sealed class SendingPrivateLinkTokens
{
    [Theory]
    [InlineData("L1.1700000000.AB", true)]
    [InlineData("q2Xv-_9AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", true)]
    [InlineData("", false)]
    [InlineData("line\nbreak", false)]
    [InlineData("with space", false)]
    [InlineData("한글", false)]
    [InlineData("\0", false)]
    public void Only_a_printable_ascii_token_is_put_into_a_header(string token, bool sendable) =>
        Assert.Equal(sendable, InquiryApi.IsSendable(token));

    [Fact]
    public void An_overlong_token_is_not_sent() => Assert.False(InquiryApi.IsSendable(new string('A', 257)));
}
