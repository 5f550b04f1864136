using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SupportPlatform.Inquiry.Tests.Retention;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>
/// Admins revise the SLA policy and the calendar's exceptions over HTTP: the configuration is
/// revision 1, every save the next, each with who and what it changed; stale and invalid saves are
/// refused. A save measures new inquiries at once; a rebuild measures the past again.
/// </summary>
public sealed class RevisingServiceLevels(InquiryApi api) : IClassFixture<InquiryApi>
{
    internal const string Path = "/api/operations/service-levels";

    [Fact]
    public async Task The_configuration_is_revision_one_and_each_save_is_the_next_with_who_and_what_it_changed()
    {
        var adminId = Guid.NewGuid();
        using var admin = Admin(adminId);

        var first = await admin.GetAsync(Path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"1\"", first.Headers.ETag?.Tag);
        var configured = await first.JsonAsync();
        Assert.Equal("default", configured.GetProperty("name").GetString());
        Assert.Equal([("urgent", 60, 120, 540), ("high", 240, 240, 1080), ("normal", 480, 480, 2700), ("low", 1080, 1080, 5400)], Targets(configured));
        Assert.Contains(configured.GetProperty("exceptions").EnumerateArray(), e => e.GetProperty("date").GetString() == "2026-06-03");

        var form = Form(configured);
        form.Targets[0] = form.Targets[0] with { FirstResponseMinutes = 30 };
        form.Exceptions.RemoveAll(e => e.Date == "2024-04-10");
        form.Exceptions.Add(new("2026-12-24", "창립기념일 휴무", null, null));
        form.Exceptions.Add(new("2026-12-26", "보충 근무", "10:00", "14:00"));

        var saved = await PutAsync(admin, form, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("\"2\"", saved.Headers.ETag?.Tag);
        var revision = await saved.JsonAsync();
        Assert.Equal("rev-2", revision.GetProperty("name").GetString());
        Assert.Equal(adminId, revision.GetProperty("revisedBy").GetGuid());
        Assert.Equal(30, Targets(revision)[0].First);

        var stale = await PutAsync(admin, form with { Targets = [.. form.Targets.Select(t => t with { ResolutionMinutes = t.ResolutionMinutes + 60 })] }, "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(2, (await stale.JsonAsync()).GetProperty("currentVersion").GetInt32());
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await PutAsync(admin, form, null)).StatusCode);
        var unchanged = await PutAsync(admin, form, "\"2\"");
        Assert.Equal("\"2\"", unchanged.Headers.ETag?.Tag);

        var history = (await (await admin.GetAsync($"{Path}/revisions")).JsonAsync()).GetProperty("revisions").EnumerateArray().ToArray();
        Assert.Equal([2, 1], history.Select(r => r.GetProperty("revision").GetInt32()));
        Assert.Equal(adminId, history[0].GetProperty("revisedBy").GetGuid());
        Assert.False(history[1].TryGetProperty("revisedBy", out _), "the configuration's revision names nobody");
        Assert.Equal(
            [("urgent.first-response", "60", "30"), ("2024-04-10", "closed: 제22대 국회의원 선거", null),
             ("2026-12-24", null, "closed: 창립기념일 휴무"), ("2026-12-26", null, "10:00-14:00: 보충 근무")],
            history[0].GetProperty("changes").EnumerateArray().Select(c => (
                c.GetProperty("item").GetString()!, Optional(c, "before"), Optional(c, "after"))));
        Assert.Equal(12 + 5, history[1].GetProperty("changes").GetArrayLength());
    }

    [Fact]
    public async Task Invalid_or_unauthorised_saves_are_refused_and_add_no_revision()
    {
        using var admin = Admin(Guid.NewGuid());
        var current = await (await admin.GetAsync(Path)).JsonAsync();
        var version = $"\"{current.GetProperty("revision").GetInt32()}\"";
        var form = Form(current);

        var missingPriority = await PutAsync(admin, form with { Targets = form.Targets[..3] }, version);
        var badTargets = await PutAsync(admin, form with
        {
            Targets = [form.Targets[0] with { Priority = "critical" }, form.Targets[1] with { FirstResponseMinutes = 0 }, form.Targets[2] with { ResolutionMinutes = 10_000_000 }, form.Targets[3]],
        }, version);
        var badExceptions = await PutAsync(admin, form with
        {
            Exceptions =
            [
                new("2026-13-01", "휴무", null, null),
                new("2026-12-24", "", null, null),
                new("2026-12-25", "보충 근무", "14:00", "10:00"),
                new("2026-12-28", "보충 근무", "10:00", null),
                new("2026-12-28", "중복", null, null),
                new("2099-01-02", "먼 미래", null, null),
            ],
        }, version);
        var badTag = await PutAsync(admin, form, "*");
        using var agent = api.Agent();
        var asAgent = await agent.PutAsJsonAsync(Path, form);

        Assert.Equal(["targets"], await missingPriority.ErrorKeysAsync());
        Assert.Equal(["targets[0].priority", "targets[1].firstResponseMinutes", "targets[2].resolutionMinutes"], await badTargets.ErrorKeysAsync());
        Assert.Equal(
            ["exceptions[0].date", "exceptions[1].reason", "exceptions[2].end", "exceptions[3].end", "exceptions[4].date", "exceptions[5].date"],
            await badExceptions.ErrorKeysAsync());
        Assert.Equal(["If-Match"], await badTag.ErrorKeysAsync());
        Assert.Equal(HttpStatusCode.Forbidden, asAgent.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"{Path}/revisions")).StatusCode);
        Assert.Equal(current.GetProperty("revision").GetInt32(), (await (await admin.GetAsync(Path)).JsonAsync()).GetProperty("revision").GetInt32());
    }

    private HttpClient Admin(Guid id) => AdminOf(api, id);

    /// <summary>The API leaves null properties out.</summary>
    private static string? Optional(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;

    internal static HttpClient AdminOf(InquiryApi api, Guid id)
    {
        var client = api.Service.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StaffTokens.For(id, "Test Admin", "admin"));
        return client;
    }

    internal static Task<HttpResponseMessage> PutAsync(HttpClient admin, Settings form, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Path) { Content = JsonContent.Create(form) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return admin.SendAsync(request);
    }

    internal static (string Priority, int First, int Next, int Resolution)[] Targets(JsonElement settings) =>
        [.. settings.GetProperty("targets").EnumerateArray().Select(t => (
            t.GetProperty("priority").GetString()!, t.GetProperty("firstResponseMinutes").GetInt32(),
            t.GetProperty("nextResponseMinutes").GetInt32(), t.GetProperty("resolutionMinutes").GetInt32()))];

    /// <summary>The revision as the form to send back, in the request's own shape.</summary>
    internal static Settings Form(JsonElement settings) => new(
        [.. Targets(settings).Select(t => new TargetRow(t.Priority, t.First, t.Next, t.Resolution))],
        [.. settings.GetProperty("exceptions").EnumerateArray().Select(e => new ExceptionRow(
            e.GetProperty("date").GetString()!, e.GetProperty("reason").GetString()!,
            e.TryGetProperty("start", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()![..5] : null,
            e.TryGetProperty("end", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()![..5] : null))]);

    internal sealed record Settings(List<TargetRow> Targets, List<ExceptionRow> Exceptions);

    internal sealed record TargetRow(string Priority, int FirstResponseMinutes, int NextResponseMinutes, int ResolutionMinutes);

    internal sealed record ExceptionRow(string Date, string Reason, string? Start, string? End);
}

/// <summary>A saved revision measures new inquiries at once and leaves the past as measured; the rebuild an admin asks for measures the past with it too.</summary>
public sealed class RebuildingWithARevisedPolicy(InquiryApi api) : IClassFixture<InquiryApi>
{
    private const string Path = RevisingServiceLevels.Path;

    [Fact]
    public async Task A_save_measures_new_inquiries_at_once_and_a_rebuild_measures_the_past_with_it()
    {
        using var admin = RevisingServiceLevels.AdminOf(api, Guid.NewGuid());
        // Tuesday 6 January 2026, 10:00 in Seoul: 보통's first response is due at 18:00 by the configured policy, at 12:00 after the save.
        api.Service.Time.SetUtcNow(new DateTimeOffset(2026, 1, 6, 1, 0, 0, TimeSpan.Zero));
        var before = (await api.SubmitAsync()).InquiryId;
        await api.ProjectedAsync(before);

        var current = await (await admin.GetAsync(Path)).JsonAsync();
        var form = RevisingServiceLevels.Form(current);
        form.Targets[2] = form.Targets[2] with { FirstResponseMinutes = 120 };
        var saved = await RevisingServiceLevels.PutAsync(admin, form, $"\"{current.GetProperty("revision").GetInt32()}\"");
        var name = (await saved.JsonAsync()).GetProperty("name").GetString();

        var after = (await api.SubmitAsync()).InquiryId;
        await api.ProjectedAsync(after);
        Assert.Equal((name, Seoul(12)), await MeasuredAsync(after));
        Assert.Equal(("default", Seoul(18)), await MeasuredAsync(before));

        var requested = await admin.PostAsync($"{Path}/rebuilds", null);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var status = await Eventually.ReturnsAsync(
            async () => (await (await admin.GetAsync($"{Path}/rebuilds")).JsonAsync()),
            s => s.GetProperty("last").GetProperty("state").GetString() is "finished" or "failed",
            "the rebuild to finish");

        Assert.Equal("finished", status.GetProperty("last").GetProperty("state").GetString());
        Assert.Equal(["queue", "response-time"], status.GetProperty("readModels").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal((name, Seoul(12)), await MeasuredAsync(before));
        Assert.Equal(2, await api.Database.ScalarAsync<long>(
            "SELECT count(*) FROM inquiry.mt_doc_response_time WHERE data -> 'track' ->> 'policyRevision' = @name AND id = ANY(@ids)",
            ("name", name!), ("ids", new[] { before, after })));
    }

    private static DateTimeOffset Seoul(int hour) => new(2026, 1, 6, hour, 0, 0, TimeSpan.FromHours(9));

    /// <summary>The queue row's policy revision and first-response due time.</summary>
    private async Task<(string? Revision, DateTimeOffset DueAt)> MeasuredAsync(Guid id) => (
        await api.Database.ScalarAsync<string>("SELECT data -> 'sla' ->> 'policyRevision' FROM inquiry.mt_doc_queue WHERE id = @id", ("id", id)),
        new DateTimeOffset(await api.Database.ScalarAsync<DateTime>("SELECT due_at FROM inquiry.mt_doc_queue WHERE id = @id", ("id", id))));
}
