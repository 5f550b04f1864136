using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

/// <summary>
/// SLA warnings to the assignee, or the support team when there is none or the desk cannot name
/// their address: one email per inquiry, target and threshold, on two replicas
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

    [Fact]
    public async Task The_warning_of_an_assigned_inquiry_goes_to_the_assignee_and_of_an_unassigned_one_to_the_team()
    {
        var assignee = $"agent-{Guid.NewGuid():N}@vendor.test";
        var (assigned, unassigned) = (Guid.NewGuid(), Guid.NewGuid());
        Inquiries.Add(assigned, CustomerAddress(), "배정된 문의");
        Inquiries.Add(unassigned, CustomerAddress(), "배정 안 된 문의");

        await PublishAsync(Breach(assigned, Staff.Add(assignee)));
        await PublishAsync(Breach(unassigned, assigneeId: null));

        var toAssignee = Assert.Single(await WaitForEmailsAsync(assignee, 1));
        Assert.Equal($"[SLA 경고] {assigned}: 첫 응답 목표 시간을 넘겼습니다", toAssignee.Subject);
        Assert.Contains($"{Desk}/inquiries/{assigned}", toAssignee.Text, StringComparison.Ordinal);
        await WaitForEmailsAsync(SupportTeam, 1, e => e.Subject.Contains(unassigned.ToString(), StringComparison.Ordinal));
        await WaitForDeliveriesAsync(assigned, d => d.Count == 1 && d[0].Status == "sent", "the assignee's warning sent");
        Assert.DoesNotContain(await EmailsToAsync(SupportTeam), e => e.Subject.Contains(assigned.ToString(), StringComparison.Ordinal));
        // The delivery log names the assignee as the hash of the address, as every recipient, never the address.
        Assert.DoesNotContain(assignee, await DeliveryRowsAsync(assigned), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_warning_goes_to_the_team_when_the_assignee_is_unknown_or_the_desk_does_not_answer()
    {
        var (unknown, deskDown) = (Guid.NewGuid(), Guid.NewGuid());
        Inquiries.Add(unknown, CustomerAddress(), "퇴사한 담당자");
        Inquiries.Add(deskDown, CustomerAddress(), "데스크 장애");
        var assignee = $"agent-{Guid.NewGuid():N}@vendor.test";
        var member = Staff.Add(assignee);

        await PublishAsync(Breach(unknown, assigneeId: Guid.NewGuid()));
        await WaitForEmailsAsync(SupportTeam, 1, e => e.Subject.Contains(unknown.ToString(), StringComparison.Ordinal));
        Staff.Unavailable = true;
        try
        {
            // Sent to the team at once, not held (or faulted) until the desk is back: the warning is due now.
            await PublishAsync(Breach(deskDown, member));
            await WaitForEmailsAsync(SupportTeam, 1, e => e.Subject.Contains(deskDown.ToString(), StringComparison.Ordinal));
        }
        finally
        {
            Staff.Unavailable = false;
        }

        Assert.Empty(await EmailsToAsync(assignee));
        foreach (var inquiry in new[] { unknown, deskDown })
        {
            var delivery = Assert.Single(await WaitForDeliveriesAsync(inquiry, d => d.Count == 1 && d[0].Status == "sent", "the warning sent"));
            Assert.Equal(1, delivery.Attempts);
        }
    }

    private static SlaWarningRaised Breach(Guid inquiryId, Guid? assigneeId)
    {
        var startedAt = new DateTimeOffset(2026, 1, 5, 1, 0, 0, TimeSpan.Zero);
        return new()
        {
            InquiryId = inquiryId, Target = SlaTargetNames.FirstResponse, TargetStartedAt = startedAt, Threshold = SlaThresholds.Breached,
            DueAt = startedAt.AddHours(8), RaisedAt = startedAt.AddHours(8), AssigneeId = assigneeId,
        };
    }

    /// <summary>Everything the delivery log holds of the inquiry's deliveries, as text.</summary>
    private async Task<string> DeliveryRowsAsync(Guid inquiryId)
    {
        await using var command = Database.DataSource.CreateCommand(
            "SELECT coalesce(string_agg(row_to_json(d)::text, ' '), '') FROM notification.deliveries d WHERE inquiry_id = @id");
        command.Parameters.AddWithValue("id", inquiryId);
        return (string)(await command.ExecuteScalarAsync())!;
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
