using System.Net;
using System.Text.Json;
using SupportPlatform.BusinessTime;
using SupportPlatform.Inquiry.Inquiries.Queueing;
using SupportPlatform.Inquiry.Tests.EventLog;
using SupportPlatform.Inquiry.Tests.Retention;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.WorkingTheAgentDesk;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>
/// Priority, category and SLA due times over HTTP, on the service's fake clock and the default
/// policy (보통: first response 8 business hours; 긴급: 1). Each test groups its inquiries under an
/// assignee of its own, so the queue shows only them.
/// </summary>
public sealed class MeetingServiceLevels(InquiryApi api) : IClassFixture<InquiryApi>
{
    private static readonly BusinessCalendar Calendar = BusinessCalendar.KoreanDefault();

    [Fact]
    public async Task Agents_set_priority_and_category_and_the_queue_filters_by_priority()
    {
        using var agent = api.Agent();
        var id = (await api.SubmitAsync()).InquiryId;

        var unknownPriority = await SendAsync(agent, id, "priority", "\"2\"", new { priority = "critical" });
        var badCategory = await SendAsync(agent, id, "category", "\"2\"", new { category = "Spam Filter!" });
        var prioritised = await SendAsync(agent, id, "priority", "\"2\"", new { priority = "urgent" });
        var categorised = await SendAsync(agent, id, "category", "\"3\"", new { category = "spam-filter" });
        var again = await SendAsync(agent, id, "priority", "\"4\"", new { priority = "URGENT" });

        Assert.Equal(["priority"], await unknownPriority.ErrorKeysAsync());
        Assert.Equal(["category"], await badCategory.ErrorKeysAsync());
        Assert.Equal(HttpStatusCode.OK, prioritised.StatusCode);
        Assert.Equal(HttpStatusCode.OK, categorised.StatusCode);
        Assert.Equal("\"4\"", again.Headers.ETag?.Tag);
        var detail = await (await agent.GetAsync($"/api/agent/inquiries/{id}")).JsonAsync();
        Assert.Equal("urgent", detail.GetProperty("priority").GetString());
        Assert.Equal("spam-filter", detail.GetProperty("category").GetString());
        var urgent = await Eventually.ReturnsAsync(
            async () => (await (await agent.GetAsync($"/api/agent/inquiries?priority=urgent&q={id}")).JsonAsync()).GetProperty("items"),
            items => items.GetArrayLength() == 1 && items[0].GetProperty("version").GetInt64() == 4,
            "the queue to list the inquiry as urgent");
        Assert.Equal("spam-filter", urgent[0].GetProperty("category").GetString());
        Assert.Equal(0, (await (await agent.GetAsync($"/api/agent/inquiries?priority=low&q={id}")).JsonAsync()).GetProperty("items").GetArrayLength());
        Assert.Equal(["priority", "sort"], await (await agent.GetAsync("/api/agent/inquiries?priority=soon&sort=deadline")).ErrorKeysAsync());
    }

    [Fact]
    public async Task The_queue_sorts_by_due_time_and_each_row_stands_as_of_the_request()
    {
        using var agent = api.Agent();
        var team = Guid.NewGuid();
        var morning = MoveToNextBusinessDay(10);

        var normal = await SubmitAssignedAsync(agent, team);
        api.Service.Time.Advance(TimeSpan.FromHours(1));
        var urgent = await SubmitAssignedAsync(agent, team);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, urgent, "priority", "\"3\"", new { priority = "urgent" })).StatusCode);
        var answered = await SubmitAssignedAsync(agent, team);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, answered, "replies", "\"3\"", new { body = "확인했습니다." })).StatusCode);
        await api.ProjectedAsync(normal, urgent, answered);

        var atEleven = await QueueAsync(agent, team);
        Assert.Equal([urgent, normal, answered], atEleven.Select(r => r.GetProperty("inquiryId").GetGuid()));
        Assert.Equal(morning.AddHours(2), atEleven[0].GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(morning.AddHours(8), atEleven[1].GetProperty("dueAt").GetDateTimeOffset());
        Assert.False(atEleven[2].TryGetProperty("dueAt", out _));
        Assert.Equal(["due-soon", "on-time", null], atEleven.Select(Standing));

        api.Service.Time.Advance(TimeSpan.FromMinutes(90));

        var afterNoon = await QueueAsync(agent, team);
        Assert.Equal(["breached", "on-time", null], afterNoon.Select(Standing));
        var first = (await (await agent.GetAsync($"/api/agent/inquiries/{urgent}")).JsonAsync()).GetProperty("serviceLevels").GetProperty("targets")[0];
        Assert.Equal(("first-response", "breached"), (first.GetProperty("kind").GetString(), first.GetProperty("standing").GetString()));
        Assert.Equal(60, first.GetProperty("lengthMinutes").GetInt32());
    }

    [Fact]
    public async Task A_note_does_not_meet_the_first_response_and_a_reply_does()
    {
        using var agent = api.Agent();
        MoveToNextBusinessDay(10);
        var id = (await api.SubmitAsync()).InquiryId;
        api.Service.Time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, id, "notes", "\"2\"", new { body = "라이선스 확인 중" })).StatusCode);
        var afterNote = await TargetsAsync(agent, id);
        api.Service.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, id, "replies", "\"3\"", new { body = "답변드립니다." })).StatusCode);
        var afterReply = await TargetsAsync(agent, id);

        Assert.Equal(("first-response", "on-time"), (afterNote[0].Kind, afterNote[0].Standing));
        Assert.Equal(("first-response", "met", 60), (afterReply[0].Kind, afterReply[0].Standing, afterReply[0].UsedMinutes));
        Assert.Equal(("resolution", "paused"), (afterReply[1].Kind, afterReply[1].Standing));
    }

    private DateTimeOffset MoveToNextBusinessDay(int hour)
    {
        var day = Calendar.LocalDate(api.Service.Time.GetUtcNow()).AddDays(1);
        while (!Calendar.IsBusinessDay(day))
        {
            day = day.AddDays(1);
        }

        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(9));
        api.Service.Time.SetUtcNow(at.ToUniversalTime());
        return at;
    }

    private async Task<Guid> SubmitAssignedAsync(HttpClient agent, Guid team)
    {
        var id = (await api.SubmitAsync()).InquiryId;
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, id, "assign", "\"2\"", new { assigneeId = team, assigneeName = "SLA 팀" })).StatusCode);
        return id;
    }

    /// <summary>The row's standing; the API leaves the property out while nothing runs.</summary>
    private static string? Standing(JsonElement row) => row.TryGetProperty("dueStanding", out var standing) ? standing.GetString() : null;

    private static async Task<JsonElement[]> QueueAsync(HttpClient agent, Guid team) =>
        [.. (await (await agent.GetAsync($"/api/agent/inquiries?assignee={team}&sort=due")).JsonAsync()).GetProperty("items").EnumerateArray()];

    internal static async Task<(string Kind, string Standing, int UsedMinutes, DateTimeOffset DueAt)[]> TargetsAsync(HttpClient agent, Guid id)
    {
        var levels = (await (await agent.GetAsync($"/api/agent/inquiries/{id}")).JsonAsync()).GetProperty("serviceLevels");
        return [.. levels.GetProperty("targets").EnumerateArray().Select(t => (
            t.GetProperty("kind").GetString()!, t.GetProperty("standing").GetString()!, t.GetProperty("usedMinutes").GetInt32(), t.GetProperty("dueAt").GetDateTimeOffset()))];
    }
}

/// <summary>A changed policy leaves the read model's figures as they were measured until the projection is rebuilt, which measures them all again.</summary>
public sealed class RebuildingWithAChangedPolicy(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task A_rebuild_applies_the_new_policy_to_the_whole_history()
    {
        // Tuesday 6 January 2026, 10:00 in Seoul: the first response is due at 18:00 by the default policy, at 12:00 by the strict one.
        api.Service.Time.SetUtcNow(new DateTimeOffset(2026, 1, 6, 1, 0, 0, TimeSpan.Zero));
        var id = (await api.SubmitAsync()).InquiryId;
        await api.ProjectedAsync(id);
        Assert.Equal(new DateTimeOffset(2026, 1, 6, 18, 0, 0, TimeSpan.FromHours(9)), await DueAtAsync(id));

        await api.RestartAsync(service =>
        {
            service.Settings["ServiceLevels:Revision"] = "2026-12 strict";
            service.Settings["ServiceLevels:Targets:Normal:FirstResponse"] = "02:00:00";
        });

        Assert.Equal(new DateTimeOffset(2026, 1, 6, 18, 0, 0, TimeSpan.FromHours(9)), await DueAtAsync(id));
        await api.Daemon().RebuildProjectionAsync(QueueProjection.ProjectionName, TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2026, 1, 6, 12, 0, 0, TimeSpan.FromHours(9)), await DueAtAsync(id));
        using var desk = api.Agent();
        var levels = (await (await desk.GetAsync($"/api/agent/inquiries/{id}")).JsonAsync()).GetProperty("serviceLevels");
        Assert.Equal("2026-12 strict", levels.GetProperty("policyRevision").GetString());
        Assert.Equal("2026-12 strict", await api.Database.ScalarAsync<string>(
            "SELECT data -> 'sla' ->> 'policyRevision' FROM inquiry.mt_doc_queue WHERE id = @id", ("id", id)));
    }

    private async Task<DateTimeOffset> DueAtAsync(Guid id)
    {
        using var agent = api.Agent();
        var item = (await (await agent.GetAsync($"/api/agent/inquiries?q={id}")).JsonAsync()).GetProperty("items")[0];
        return item.GetProperty("dueAt").GetDateTimeOffset();
    }
}
