using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

public sealed class SendingSatisfactionSurveys(PostgresDatabase database, RabbitMqVhost vhost, StrictSmtpServer smtp)
    : NotificationTest(database, vhost, smtp)
{
    [Fact]
    public async Task A_closed_inquiry_gets_one_survey_email_with_its_survey_link()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        Inquiries.Add(inquiry, customer, "SPF 레코드 설정 문의");
        var survey = new SatisfactionSurveyRequested { InquiryId = inquiry, RequestedAt = new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero) };
        var messageId = await PublishAsync(survey);
        await PublishAsync(survey, messageId); // a re-delivery of the same event

        var email = Assert.Single(await WaitForEmailsAsync(customer, 1));
        Assert.Equal("[고객케어 라운지] 답변이 도움이 되셨나요? – SPF 레코드 설정 문의", email.Subject);
        Assert.Contains($"{Lounge}/inquiries/{inquiry}/satisfaction?token={SurveyTokenOf(inquiry)}", email.Text);
        Assert.DoesNotContain(TokenOf(inquiry), email.Text); // the survey never carries the private link
        await ConsumedAsync(messageId, times: 2);
        Assert.Single(await EmailsToAsync(customer));
        Assert.Equal("survey", Assert.Single(await DeliveriesAsync(inquiry)).Kind);
    }
}
