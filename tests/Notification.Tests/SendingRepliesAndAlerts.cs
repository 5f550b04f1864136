using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

public sealed class SendingRepliesAndAlerts(PostgresDatabase database, RabbitMqVhost vhost, StrictSmtpServer smtp)
    : NotificationTest(database, vhost, smtp)
{
    [Fact]
    public async Task An_agent_reply_reaches_the_customer_as_safe_HTML_with_the_Markdown_as_text()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        const string body = """
            안녕하세요. **차단 사유**는 *RBL* 검사입니다.

            <script>alert('x')</script>

            [설정 가이드](https://lounge.vendor.test/articles/bulk-mail) · [위험한 링크](javascript:alert(1))
            """;
        Inquiries.Add(inquiry, customer, "대량 메일 차단");
        var answer = Inquiries.AddReply(inquiry, "김상담", body);
        await PublishAsync(new InquiryAnswered { InquiryId = inquiry, ReplyId = answer.ReplyId, AnsweredAt = answer.RepliedAt });

        var reply = Assert.Single(await WaitForEmailsAsync(customer, 1));
        Assert.Equal("[고객케어 라운지] 문의에 답변이 등록되었습니다: 대량 메일 차단", reply.Subject);
        Assert.Contains("<strong>차단 사유</strong>", reply.Html);
        Assert.Contains("&lt;script&gt;", reply.Html);
        Assert.DoesNotContain("<script", reply.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", reply.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://lounge.vendor.test/articles/bulk-mail\"", reply.Html);
        Assert.Contains("**차단 사유**", reply.Text);
        Assert.Contains($"{Lounge}/inquiries/{inquiry}?token={TokenOf(inquiry)}", reply.Text);
        Assert.Equal("reply", Assert.Single(await DeliveriesAsync(inquiry)).Kind);
    }

    [Fact]
    public async Task A_customer_follow_up_alerts_the_support_team()
    {
        var inquiry = Guid.NewGuid();
        Inquiries.Add(inquiry, CustomerAddress(), "SuperWhite IP 정책 추가 질문");
        await PublishAsync(new CustomerFollowedUp
        {
            InquiryId = inquiry,
            MessageId = Guid.NewGuid(),
            FollowedUpAt = new DateTimeOffset(2026, 1, 6, 2, 0, 0, TimeSpan.Zero),
        });

        var alert = Assert.Single(await WaitForEmailsAsync(SupportTeam, 1, e => e.Text!.Contains(inquiry.ToString(), StringComparison.Ordinal)));
        Assert.Equal($"[고객 추가 문의] {inquiry}", alert.Subject);
        Assert.Contains("2026-01-06 11:00 KST", alert.Text);
        Assert.DoesNotContain("SuperWhite IP 정책 추가 질문", alert.Text + alert.Html, StringComparison.Ordinal);
    }
}
