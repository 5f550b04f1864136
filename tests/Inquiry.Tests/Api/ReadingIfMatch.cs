using SupportPlatform.ServiceDefaults.Http;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>The one If-Match reader every service uses (ServiceDefaults' VersionTags).</summary>
public sealed class ReadingIfMatch
{
    [Theory]
    [InlineData("\"3\"", 3)]
    [InlineData(" \"3\" ", 3)]
    [InlineData("W/\"12\"", 12)]
    [InlineData("\"9223372036854775807\"", long.MaxValue)]
    public void One_quoted_version_is_read(string header, long expected)
    {
        Assert.True(VersionTags.TryParseIfMatch(header, out var version));
        Assert.Equal(expected, version);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("\"\"")]
    [InlineData("\"-1\"")]
    [InlineData("\"+1\"")]
    [InlineData("\"1.0\"")]
    [InlineData("\"abc\"")]
    [InlineData("*")]
    [InlineData("\"1\", \"2\"")]
    [InlineData("\"99999999999999999999\"")]
    public void Anything_but_one_version_tag_is_invalid(string header) =>
        Assert.False(VersionTags.TryParseIfMatch(header, out _));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_header_is_missing_not_invalid(string? header) =>
        Assert.Null(VersionTags.TryParseIfMatch(header, out _));

    [Fact]
    public void The_etag_written_is_the_one_read()
    {
        Assert.True(VersionTags.TryParseIfMatch(VersionTags.ETag(42), out var version));
        Assert.Equal(42, version);
    }
}
