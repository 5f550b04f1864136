using SupportPlatform.ServiceDefaults.Http;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>Which Content-Type charsets the edge refuses with 415 before any endpoint reads the body.</summary>
public sealed class ReadingRequestCharsets
{
    [Theory]
    [InlineData("application/json; charset=bogus-x", "bogus-x")]
    // A name .NET knows but refuses to decode: it threw NotSupportedException, a 500 the fuzzer found.
    [InlineData("application/json; charset=utf-7", "utf-7")]
    [InlineData("application/json; charset=\"UTF-7\"", "UTF-7")]
    public void A_charset_no_decoder_reads_is_unknown(string contentType, string charset) =>
        Assert.Equal(charset, RequestCharsets.UnknownCharsetOf(contentType));

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=\"utf-16\"")]
    [InlineData("text/plain; charset=iso-8859-1")]
    [InlineData("not a media type")]
    [InlineData(null)]
    public void Known_or_absent_charsets_pass(string? contentType) =>
        Assert.Null(RequestCharsets.UnknownCharsetOf(contentType));
}
