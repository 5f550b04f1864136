using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Knowledge.Tests;

public sealed class ConsumingInquiryEvents(KnowledgeService service) : IClassFixture<KnowledgeService>
{
    private async Task PublishTwiceAsync<T>(T message, Guid messageId) where T : class
    {
        await service.Bus.Publish(message, context => context.MessageId = messageId);
        await service.Bus.Publish(message, context => context.MessageId = messageId);
        await Eventually.TrueAsync(() => Task.FromResult(service.Consumed.Count(messageId) == 2), "both deliveries to be consumed", TimeSpan.FromSeconds(60));
    }

    private Task<long> CountAsync(string table, Guid inquiryId) =>
        service.Database.ScalarAsync<long>($"SELECT count(*) FROM knowledge.{table} WHERE inquiry_id = @id", ("id", inquiryId));

    [Fact]
    public async Task A_submission_delivered_twice_keeps_its_suggestions_once_for_agents()
    {
        var inquiry = Guid.NewGuid();
        var messageId = Guid.NewGuid();

        await PublishTwiceAsync(service.Submitted(inquiry, "대량메일 발송이 차단돼요", "consumer-session-1"), messageId);

        var suggestions = await service.Client().WithStaff(StaffRoles.Agent).GetFromJsonAsync<JsonElement>($"/api/staff/inquiries/{inquiry}/suggestions");
        Assert.InRange(suggestions.GetArrayLength(), 2, 5);
        Assert.Equal(Enumerable.Range(1, suggestions.GetArrayLength()), suggestions.EnumerateArray().Select(s => s.GetProperty("rank").GetInt32()));
        Assert.Contains(suggestions.EnumerateArray().Take(3), s => s.GetProperty("slug").GetString() is "bulk-mail-block-error-messages" or "tmse-bulk-mail-settings");
        Assert.Equal(suggestions.GetArrayLength(), await CountAsync("inquiry_suggestions", inquiry));
        Assert.Equal(1, await service.Database.ScalarAsync<long>("SELECT count(*) FROM knowledge.inbox WHERE message_id = @id", ("id", messageId)));
        Assert.Equal(1, await CountAsync("session_inquiries", inquiry));
        Assert.Equal(0, await CountAsync("knowledge_gaps", inquiry));
    }

    [Fact]
    public async Task Consumers_take_messages_again_after_the_broker_forced_the_service_off()
    {
        await PublishTwiceAsync(service.Submitted(Guid.NewGuid(), "대량메일 발송이 차단돼요"), Guid.NewGuid());

        Assert.True(await service.Vhost.ForceCloseConnectionsAsync() > 0, "the service had connections to close");

        var submission = Guid.NewGuid();
        var submitted = Guid.NewGuid();
        await service.Bus.PublishUntilAcceptedAsync(service.Submitted(submission, "메신저 알림이 오지 않아요 스팸", "resume-session"), submitted);
        var purged = Guid.NewGuid();
        await service.Bus.PublishUntilAcceptedAsync(new InquiryPurged { InquiryId = submission, Reason = "erasure-request", PurgedAt = DateTimeOffset.UtcNow }, purged);
        await Eventually.TrueAsync(
            () => Task.FromResult(service.Consumed.Count(submitted) >= 1 && service.Consumed.Count(purged) >= 1),
            "both consumers to take a message after reconnecting",
            TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task A_summary_no_article_answers_is_reported_as_a_knowledge_gap_once()
    {
        var inquiry = Guid.NewGuid();
        await PublishTwiceAsync(service.Submitted(inquiry, "그룹웨어 전자결재 양식 변경"), Guid.NewGuid());

        Assert.Equal(1, await CountAsync("knowledge_gaps", inquiry));
        var report = await service.Client().WithStaff(StaffRoles.Agent).GetFromJsonAsync<JsonElement>("/api/staff/reports/knowledge-gaps");
        var row = report.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("inquiryId").GetGuid() == inquiry);
        Assert.False(row.TryGetProperty("summary", out _), "the gap report keeps no customer text");
    }

    [Fact]
    public async Task The_gap_report_for_a_period_lists_the_inquiries_submitted_on_its_korean_days()
    {
        var late = Guid.NewGuid();
        var next = Guid.NewGuid();
        // 23:30 and 00:30 in Seoul: the second is the next Korean day, though the same day in UTC.
        await PublishTwiceAsync(service.Submitted(late, "그룹웨어 전자결재 양식 변경") with { SubmittedAt = new DateTimeOffset(2027, 5, 3, 23, 30, 0, TimeSpan.FromHours(9)).ToUniversalTime() }, Guid.NewGuid());
        await PublishTwiceAsync(service.Submitted(next, "그룹웨어 전자결재 양식 변경") with { SubmittedAt = new DateTimeOffset(2027, 5, 4, 0, 30, 0, TimeSpan.FromHours(9)).ToUniversalTime() }, Guid.NewGuid());
        var staff = service.Client().WithStaff(StaffRoles.Agent);

        var day = await staff.GetFromJsonAsync<JsonElement>("/api/staff/reports/knowledge-gaps?from=2027-05-04&to=2027-05-04");
        var both = await staff.GetFromJsonAsync<JsonElement>("/api/staff/reports/knowledge-gaps?from=2027-05-03&to=2027-05-04");

        Assert.Equal([next], day.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("inquiryId").GetGuid()));
        Assert.Equal(1, day.GetProperty("total").GetInt64());
        Assert.Equal([next, late], both.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("inquiryId").GetGuid()));
        Assert.Equal(2, both.GetProperty("total").GetInt64());
        await (await staff.GetAsync("/api/staff/reports/knowledge-gaps?from=2027-05-05&to=2027-05-04")).AssertProblemAsync(HttpStatusCode.BadRequest, "from");
        await (await staff.GetAsync("/api/staff/reports/knowledge-gaps?from=5/4/2027")).AssertProblemAsync(HttpStatusCode.BadRequest, "from");
    }

    [Fact]
    public async Task A_purge_delivered_twice_removes_everything_held_about_the_inquiry()
    {
        var inquiry = Guid.NewGuid();
        var submitted = Guid.NewGuid();
        await PublishTwiceAsync(service.Submitted(inquiry, "메신저 알림이 오지 않아요 스팸", "purge-session-1"), submitted);
        Assert.True(await CountAsync("inquiry_suggestions", inquiry) + await CountAsync("knowledge_gaps", inquiry) > 0);
        Assert.Equal(1, await CountAsync("session_inquiries", inquiry));

        await PublishTwiceAsync(new InquiryPurged { InquiryId = inquiry, Reason = "erasure-request", PurgedAt = DateTimeOffset.UtcNow }, Guid.NewGuid());

        Assert.Equal(0, await CountAsync("inquiry_suggestions", inquiry));
        Assert.Equal(0, await CountAsync("knowledge_gaps", inquiry));
        Assert.Equal(0, await CountAsync("session_inquiries", inquiry));
        // The anonymous session keeps counting as "followed by an inquiry", without the id.
        Assert.Equal(1, await service.Database.ScalarAsync<long>("SELECT count(*) FROM knowledge.session_inquiries WHERE session_id = 'purge-session-1' AND inquiry_id IS NULL"));

        // A submission redelivered after the purge brings nothing back.
        await service.Bus.Publish(service.Submitted(inquiry, "메신저 알림이 오지 않아요 스팸"), context => context.MessageId = Guid.NewGuid());
        var late = Guid.NewGuid();
        await service.Bus.Publish(service.Submitted(inquiry, "메신저 알림이 오지 않아요 스팸"), context => context.MessageId = late);
        await Eventually.TrueAsync(() => Task.FromResult(service.Consumed.Count(late) == 1), "the late submission to be consumed", TimeSpan.FromSeconds(60));
        Assert.Equal(0, await CountAsync("inquiry_suggestions", inquiry) + await CountAsync("knowledge_gaps", inquiry));
    }

    [Fact]
    public async Task A_submission_whose_inquiry_is_gone_by_the_time_it_is_read_keeps_nothing()
    {
        var inquiry = Guid.NewGuid();
        var message = service.Submitted(inquiry, "메신저 알림이 오지 않아요 스팸");
        service.Inquiries.Remove(inquiry);
        var messageId = Guid.NewGuid();

        await service.Bus.Publish(message, context => context.MessageId = messageId);

        await Eventually.TrueAsync(() => Task.FromResult(service.Consumed.Count(messageId) == 1), "the submission consumed", TimeSpan.FromSeconds(30));
        Assert.Equal(0, await CountAsync("inquiry_suggestions", inquiry) + await CountAsync("knowledge_gaps", inquiry));
    }

    [Fact]
    public async Task A_submission_read_while_Inquiry_is_unavailable_is_retried_until_it_answers()
    {
        var inquiry = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        service.Inquiries.Unavailable = true;
        try
        {
            await service.Bus.Publish(service.Submitted(inquiry, "대량메일 발송이 차단돼요"), context => context.MessageId = messageId);
            var before = service.Inquiries.Requests;
            await Eventually.TrueAsync(() => Task.FromResult(service.Inquiries.Requests >= before + 2), "two failed reads", TimeSpan.FromSeconds(30));
        }
        finally
        {
            service.Inquiries.Unavailable = false;
        }

        await Eventually.TrueAsync(() => Task.FromResult(service.Consumed.Count(messageId) == 1), "the submission consumed", TimeSpan.FromSeconds(60));
        Assert.True(await CountAsync("inquiry_suggestions", inquiry) > 0);
    }
}
