using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

/// <summary>
/// SLA warnings to the support team: one email per inquiry, target and threshold, on two replicas
/// of the service sharing the queue, however many messages about it arrive (the same event
/// redelivered, or published again under another id). The email names the inquiry and links the
/// desk, and carries nothing of the customer.
/// </summary>
public sealed class SendingSlaWarnings(PostgresDatabase database, RabbitMqVhost vhost, StrictSmtpServer smtp)
    : NotificationTest(database, vhost, smtp)
{
    private const string Desk = "https://desk.vendor.test";

    private ServiceFactory<Program>? secondReplica;

    protected override void Configure(Dictionary<string, string?> settings) => settings["Notification:DeskBaseUrl"] = Desk;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        secondReplica = new ServiceFactory<Program>(Database, Vhost);
        foreach (var (key, value) in Service.Settings)
        {
            secondReplica.Settings[key] = value;
        }

        _ = secondReplica.Services;
    }

    public override async Task DisposeAsync()
    {
        if (secondReplica is not null)
        {
            await secondReplica.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task Two_replicas_send_one_email_at_80_percent_and_one_at_breach_whatever_the_duplicates()
    {
        var inquiry = Guid.NewGuid();
        var customer = CustomerAddress();
        Inquiries.Add(inquiry, customer, "랜섬웨어 첨부 메일 통과", companyName: "(주)다우기술");
        var startedAt = new DateTimeOffset(2026, 1, 5, 1, 0, 0, TimeSpan.Zero);
        var dueAt = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        SlaWarningRaised Warning(string threshold, DateTimeOffset raisedAt) => new()
        {
            InquiryId = inquiry, Target = SlaTargetNames.FirstResponse, TargetStartedAt = startedAt, Threshold = threshold, DueAt = dueAt, RaisedAt = raisedAt,
        };

        var approaching = Warning(SlaThresholds.Approaching, startedAt.AddHours(6).AddMinutes(24));
        var approachingId = Guid.NewGuid();
        // The event redelivered, and the same warning under other message ids (a republished log), all at once.
        var messages = await Task.WhenAll([
            PublishAsync(approaching, approachingId), PublishAsync(approaching, approachingId),
            .. Enumerable.Range(0, 4).Select(_ => PublishAsync(approaching with { RaisedAt = approaching.RaisedAt.AddMinutes(1) })),
            PublishAsync(Warning(SlaThresholds.Breached, dueAt)), PublishAsync(Warning(SlaThresholds.Breached, dueAt.AddMinutes(1))),
        ]);
        await InboxHoldsAsync(messages.Distinct().ToList());

        var emails = await WaitForEmailsAsync(SupportTeam, 2, e => e.Subject.Contains(inquiry.ToString(), StringComparison.Ordinal));
        Assert.Equal(
            [$"[SLA 경고] {inquiry}: 첫 응답 목표 시간의 80%가 지났습니다", $"[SLA 경고] {inquiry}: 첫 응답 목표 시간을 넘겼습니다"],
            emails.Select(e => e.Subject).Order(StringComparer.Ordinal).Reverse());
        foreach (var email in emails)
        {
            Assert.Contains($"{Desk}/inquiries/{inquiry}", email.Text, StringComparison.Ordinal);
            Assert.Contains("목표 기한: 2026-01-05 18:00 KST", email.Text, StringComparison.Ordinal);
            Assert.Contains("첫 응답 목표", email.Html, StringComparison.Ordinal); // Korean as text, not entities
            foreach (var personal in new[] { customer, "랜섬웨어", "다우기술" })
            {
                Assert.DoesNotContain(personal, email.Subject + email.Text + email.Html, StringComparison.Ordinal);
            }
        }

        var deliveries = await WaitForDeliveriesAsync(inquiry, d => d.All(x => x.Status == "sent"), "the warnings sent");
        Assert.Equal(["sla-warning", "sla-warning"], deliveries.Select(d => d.Kind));
        Assert.Equal(2, (await EmailsToAsync(SupportTeam)).Count(e => e.Subject.Contains(inquiry.ToString(), StringComparison.Ordinal)));
    }

    /// <summary>Every message consumed, on whichever replica: each leaves its inbox row, duplicates included.</summary>
    private Task InboxHoldsAsync(IReadOnlyList<Guid> messageIds) =>
        Eventually.TrueAsync(async () =>
        {
            await using var command = Database.DataSource.CreateCommand("SELECT count(*) FROM notification.inbox WHERE message_id = ANY(@ids)");
            command.Parameters.AddWithValue("ids", messageIds.ToArray());
            return (long)(await command.ExecuteScalarAsync())! == messageIds.Count;
        }, $"{messageIds.Count} messages in the inbox");
}
