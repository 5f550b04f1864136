using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportPlatform.Inquiry.Inquiries.AutoClosing;
using SupportPlatform.Inquiry.Tests.Retention;
using SupportPlatform.Testing;
using Xunit;
using static SupportPlatform.Inquiry.Tests.Api.SubmittingInquiries;
using static SupportPlatform.Inquiry.Tests.Api.WorkingTheAgentDesk;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>
/// Auto-close on the real service, its clock moved by the test: one reminder after five silent days
/// (published for Notification's email), the close with a note five days later, and a customer's
/// reply in between keeping the inquiry open. Passes run again change nothing.
/// </summary>
public sealed class AutoClosingSilentInquiries(InquiryApi api) : IClassFixture<InquiryApi>
{
    [Fact]
    public async Task A_silent_customer_is_reminded_once_and_the_inquiry_closes_with_a_note_while_one_who_replies_keeps_it_open()
    {
        using var agent = api.Agent();
        using var customer = api.Customer();
        var silent = await api.SubmitAsync();
        var replying = await api.SubmitAsync();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, silent.InquiryId, "replies", "\"2\"", new { body = "설정을 확인해 주세요." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(agent, replying.InquiryId, "replies", "\"2\"", new { body = "설정을 확인해 주세요." })).StatusCode);
        var answeredAt = api.Service.Time.GetUtcNow();
        await api.ProjectedAsync(silent.InquiryId, replying.InquiryId);
        var pass = api.Service.Services.GetRequiredService<AutoClosePass>();
        var days = api.Service.Services.GetRequiredService<IWaitingDays>();
        var remindAt = days.After(answeredAt, 5);
        Assert.True(remindAt - answeredAt >= TimeSpan.FromDays(7), "five business days span a weekend");

        Assert.Equal(days.After(remindAt, 5), (await AgentViewAsync(agent, silent.InquiryId)).GetProperty("autoCloseAt").GetDateTimeOffset());
        api.Service.Time.Advance(remindAt - answeredAt - TimeSpan.FromMinutes(1));
        await pass.RunAsync(CancellationToken.None);
        Assert.Equal(3L, Version(await AgentViewAsync(agent, silent.InquiryId))); // nothing yet

        api.Service.Time.Advance(TimeSpan.FromMinutes(2));
        var remindedAt = api.Service.Time.GetUtcNow();
        await pass.RunAsync(CancellationToken.None);
        await pass.RunAsync(CancellationToken.None); // again, as a restarted service or another replica would: no second reminder
        await Eventually.TrueAsync(() => Task.FromResult(Reminders(replying.InquiryId).Count == 1 && Reminders(silent.InquiryId).Count == 1), "both reminders on the broker");
        var closeAt = days.After(remindedAt, 5);
        Assert.Equal(closeAt, Reminders(silent.InquiryId).Single().ClosesAt);
        var reminded = await AgentViewAsync(agent, silent.InquiryId);
        Assert.Equal((4L, "answered"), (Version(reminded), reminded.GetProperty("status").GetString()));
        Assert.Equal(closeAt, reminded.GetProperty("autoCloseAt").GetDateTimeOffset());

        // The customer writes between the reminder and the close.
        api.Service.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(HttpStatusCode.Created, (await PostMessageAsync(customer, replying.InquiryId, replying.AccessToken, "아직 해결되지 않았습니다.")).StatusCode);
        await api.ProjectedAsync(replying.InquiryId);

        api.Service.Time.Advance(closeAt - api.Service.Time.GetUtcNow());
        await pass.RunAsync(CancellationToken.None);
        await pass.RunAsync(CancellationToken.None);

        var closed = await AgentViewAsync(agent, silent.InquiryId);
        // The close, its note and the satisfaction survey it asks for: three events after the reminder.
        Assert.Equal(("closed", 7L), (closed.GetProperty("status").GetString(), Version(closed)));
        var note = Assert.Single(closed.GetProperty("notes").EnumerateArray());
        Assert.Contains("자동 종료", note.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.False(HasAutoClose(closed));
        await Eventually.TrueAsync(() => Task.FromResult(api.PublishedOf<Contracts.InquiryClosed>().Any(c => c.InquiryId == silent.InquiryId)), "InquiryClosed on the broker");

        var kept = await AgentViewAsync(agent, replying.InquiryId);
        Assert.Equal(("waiting", "agent"), (kept.GetProperty("status").GetString(), kept.GetProperty("waitingOn").GetString()));
        Assert.False(HasAutoClose(kept));
        Assert.DoesNotContain(api.PublishedOf<Contracts.InquiryClosed>(), c => c.InquiryId == replying.InquiryId);
        Assert.Single(Reminders(replying.InquiryId));
    }

    private List<Contracts.CustomerReminded> Reminders(Guid id) => [.. api.PublishedOf<Contracts.CustomerReminded>().Where(r => r.InquiryId == id)];

    /// <summary>The view leaves out a null <c>autoCloseAt</c>, as it does every null.</summary>
    private static bool HasAutoClose(JsonElement view) => view.TryGetProperty("autoCloseAt", out var at) && at.ValueKind != JsonValueKind.Null;

    private static long Version(JsonElement view) => view.GetProperty("version").GetInt64();

    private static async Task<JsonElement> AgentViewAsync(HttpClient agent, Guid id) =>
        await agent.GetFromJsonAsync<JsonElement>($"/api/agent/inquiries/{id}");
}
