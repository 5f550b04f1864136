using SupportPlatform.Knowledge.Searching;
using Xunit;
using static SupportPlatform.Knowledge.Searching.SmtpReplies;

namespace SupportPlatform.Knowledge.Tests;

public sealed class ReadingSmtpReplies
{
    [Fact]
    public void A_basic_code_is_paired_with_the_enhanced_code_after_it()
    {
        Assert.Equal([new SmtpStatus(550, 5, 7, 23)], Parse("550 5.7.23 SPF validation failed"));
        Assert.Equal([new SmtpStatus(452, 4, 5, 3)], Parse("452-4.5.3 Too many recipients"));
        Assert.Equal([new SmtpStatus(0, 5, 7, 1)], Parse("Diagnostic-Code: smtp; 5.7.1 delivery not authorized"));
        Assert.Equal([new SmtpStatus(421, 4, -1, -1)], Parse("421 closing connection"));
    }

    [Fact]
    public void Numbers_that_are_no_status_codes_are_left_alone()
    {
        Assert.Empty(Parse("IP 203.0.113.5 에서 300명에게 2024.5.3 발송"));
        Assert.Empty(Parse("250 2.0.0 OK queued"));
        Assert.Empty(Parse(null));
    }

    [Theory]
    [InlineData("452 4.5.3 Too many recipients", Reason.TooManyRecipients)]
    [InlineData("550 5.5.3 recipients exceeded", Reason.TooManyRecipients)]
    [InlineData("421 4.4.5 Server busy", Reason.ConnectionLimits)]
    [InlineData("421 service not available", Reason.ConnectionLimits)]
    [InlineData("550 5.7.23 validation failed", Reason.SenderPolicy)]
    [InlineData("550 5.7.26 unauthenticated", Reason.SenderPolicy)]
    [InlineData("550 5.7.25 reverse lookup", Reason.DnsCheck)]
    [InlineData("535 5.7.8 credentials invalid", Reason.Authentication)]
    [InlineData("553 5.1.8 bad sender's system address", Reason.SenderRefused)]
    [InlineData("550 5.1.1 user unknown", Reason.RecipientRefused)]
    [InlineData("550 5.7.99 something new", Reason.Rejected)]
    [InlineData("554 transaction failed", Reason.Rejected)]
    public void A_code_means_its_subject_and_detail_per_RFC_3463(string reply, Reason reason) =>
        Assert.Equal(reason, Assert.Single(Reasons(reply)));

    [Theory]
    [InlineData("554 5.7.1 Client host rejected: blocked using zen.spamhaus.org", Reason.Blocklisted)]
    [InlineData("451 4.7.1 Service unavailable - try again later; rate limited", Reason.ConnectionLimits)]
    [InlineData("550 5.7.1 Sender address rejected: Access denied", Reason.SenderRefused)]
    public void A_generic_policy_code_takes_the_reason_its_reply_text_names(string reply, Reason reason) =>
        Assert.Equal(reason, Reasons(reply)[0]);

    [Fact]
    public void The_explanation_is_in_the_words_of_the_block_reasons_the_articles_name()
    {
        Assert.Contains("최대 수신자 수 제한", Explain("550 5.5.3 too many"), StringComparison.Ordinal);
        Assert.Contains("RBL", Explain("our IP is listed on a blacklist"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, Explain("점심 메뉴 추천"));
    }
}
