using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.BusinessTime;
using SupportPlatform.Inquiry.ServiceLevels.Warning;
using SupportPlatform.Inquiry.Tests.Retention;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.WorkingTheAgentDesk;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>
/// SLA warnings on two replicas of the service sharing one database and vhost, their clocks moved
/// together by the test, both sweeping at once and again: the first response of a 보통 inquiry warns
/// once at 80 % (6 h 24 min of its 8 business hours) and once at breach, while one answered before
/// 80 % never warns, and its resolution, paused on the customer, neither. A sweep a month later
/// finds the first inquiry's resolution long past due: it warns of the breach only. Each warning
/// names the assignee of its moment: nobody at 80 %, the agent assigned in between at breach.
/// </summary>
public sealed class WarningOfDueTimes(InquiryApi api) : IClassFixture<InquiryApi>
{
    private static readonly BusinessCalendar Calendar = BusinessCalendar.KoreanDefault();

    [Fact]
    public async Task Two_replicas_raise_one_warning_at_80_percent_and_one_at_breach_and_none_for_an_answered_inquiry()
    {
        await using var replica = new ServiceFactory<Program>(api.Database, api.Vhost) { TestServices = api.Service.TestServices };
        foreach (var (key, value) in api.Service.Settings)
        {
            replica.Settings[key] = value;
        }

        var morning = NextBusinessMorning(api.Service.Time.GetUtcNow());
        SetClocks(replica, morning);
        _ = replica.Services;
        using var agent = api.Agent();
        var late = (await api.SubmitAsync()).InquiryId;
        var answered = (await api.SubmitAsync()).InquiryId;
        SetClocks(replica, morning.AddHours(2));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, answered, "replies", "\"2\"", new { body = "확인했습니다." })).StatusCode);
        await api.ProjectedAsync(late, answered);
        SlaWarningPass[] passes = [api.Service.Services.GetRequiredService<SlaWarningPass>(), replica.Services.GetRequiredService<SlaWarningPass>()];

        SetClocks(replica, morning.AddHours(6).AddMinutes(23));
        await SweepTogetherAsync(passes);
        Assert.Empty(await WarningsInStreamAsync(late));

        SetClocks(replica, morning.AddHours(6).AddMinutes(24));
        await SweepTogetherAsync(passes);
        await SweepTogetherAsync(passes); // at once again, as a timer could before the read model has caught up: the stream's version refuses a second
        await api.ProjectedAsync(late);
        await SweepTogetherAsync(passes);
        var assignee = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, late, "assign", "\"3\"", new { assigneeId = assignee, assigneeName = "담당상담원" })).StatusCode);
        await api.ProjectedAsync(late);

        SetClocks(replica, morning.AddHours(8));
        await SweepTogetherAsync(passes);
        await SweepTogetherAsync(passes);
        await api.ProjectedAsync(late, answered);
        SetClocks(replica, morning.AddDays(30));
        await SweepTogetherAsync(passes);

        Assert.Equal(["FirstResponse Approaching", "FirstResponse Breached", "Resolution Breached"], await WarningsInStreamAsync(late));
        Assert.Empty(await WarningsInStreamAsync(answered));
        var published = await Eventually.ReturnsAsync(
            () => Task.FromResult(api.PublishedOf<Contracts.SlaWarningRaised>()
                .Where(w => w.InquiryId == late && w.Target == Contracts.SlaTargetNames.FirstResponse).DistinctBy(w => w.Threshold).ToList()),
            warnings => warnings.Count == 2,
            "both warnings on the broker");
        Assert.All(published, w => Assert.Equal(
            (Contracts.SlaTargetNames.FirstResponse, morning, morning.AddHours(8)), (w.Target, w.TargetStartedAt, w.DueAt)));
        Assert.Equal(morning.AddHours(6).AddMinutes(24), published.Single(w => w.Threshold == Contracts.SlaThresholds.Approaching).RaisedAt);
        Assert.Null(published.Single(w => w.Threshold == Contracts.SlaThresholds.Approaching).AssigneeId);
        Assert.Equal(assignee, published.Single(w => w.Threshold == Contracts.SlaThresholds.Breached).AssigneeId);
        Assert.DoesNotContain(api.PublishedOf<Contracts.SlaWarningRaised>(), w => w.InquiryId == answered);
    }

    private static DateTimeOffset NextBusinessMorning(DateTimeOffset now)
    {
        var day = Calendar.LocalDate(now).AddDays(1);
        while (!Calendar.IsBusinessDay(day))
        {
            day = day.AddDays(1);
        }

        return new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(9)).ToUniversalTime();
    }

    private void SetClocks(ServiceFactory<Program> replica, DateTimeOffset at)
    {
        api.Service.Time.SetUtcNow(at);
        replica.Time.SetUtcNow(at);
    }

    /// <summary>Both replicas' sweeps at the same moment, twice each, as their timers would on the same tick.</summary>
    private static Task SweepTogetherAsync(SlaWarningPass[] passes) =>
        Task.WhenAll(passes.Concat(passes).Select(p => Task.Run(() => p.RunAsync(CancellationToken.None))));

    /// <summary>The target and threshold of each warning the inquiry's stream holds, in order.</summary>
    private async Task<List<string>> WarningsInStreamAsync(Guid id)
    {
        await using var command = api.Database.DataSource.CreateCommand(
            "SELECT concat_ws(' ', data->>'target', data->>'threshold') FROM inquiry.mt_events WHERE stream_id = @id AND type = 'sla_warning_raised' ORDER BY version");
        command.Parameters.AddWithValue("id", id);
        var thresholds = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            thresholds.Add(reader.GetString(0));
        }

        return thresholds;
    }
}
