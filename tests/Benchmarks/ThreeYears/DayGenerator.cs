using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;

namespace SupportPlatform.Benchmarks.ThreeYears;

/// <summary>
/// One day of the desk: the day's visitors come to the Lounge's inquiry form between 09:00 and 18:00
/// (KST) and type their summary, which shows them Knowledge's recommendations (<see cref="LoungeVisit"/>);
/// most then file their inquiry, a fifth find their answer and leave. From 18:00 the agents work the
/// inquiries in rounds — open, assign, note, answer, close — each round at a later time of the
/// day's clock, each request with the ETag the previous one answered, as the desk sends it.
/// </summary>
internal sealed class DayGenerator(HttpClient http, HttpClient knowledge, FakeTimeProvider clock, string[] agentTokens, string complianceToken, GeneratorOptions options)
{
    private int requests;
    private int failures;

    public async Task<(int Requests, int Failures)> RunAsync(Day day, bool recent)
    {
        requests = failures = 0;
        var first = (int)(day.Start.ToUnixTimeSeconds() / 86_400) * 10_000;
        var plans = Enumerable.Range(0, day.Inquiries).Select(i => InquiryPlan.For(options.Seed, first + i, recent)).ToList();
        var working = new Work?[plans.Count];

        // The visitors: those who file (their plan's index) and, numbered after them, those an article answers (-1), in a seeded order.
        var visitors = Enumerable.Range(0, plans.Count).Select(i => (Index: i, Plan: plans[i]))
            .Concat(Enumerable.Range(0, plans.Count).Where(i => LoungeVisit.DeflectedOneBeside(options.Seed, plans[i].Number))
                .Select(i => (Index: -1, Plan: InquiryPlan.For(options.Seed, first + 5_000 + i, recent))))
            .OrderBy(visitor => Seeds.Mix(options.Seed, visitor.Plan.Number, 2))
            .ToList();

        // Arrivals, spread over the working hours in batches of the generator's concurrency.
        var batch = options.Concurrency * 2;
        for (var start = 0; start < visitors.Count; start += batch)
        {
            MoveClockTo(day.Start + TimeSpan.FromHours(9) + (TimeSpan.FromHours(9) * start / Math.Max(visitors.Count, 1)));
            await Parallel.ForEachAsync(visitors.Skip(start).Take(batch),
                new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency },
                async (visitor, _) =>
                {
                    var visit = LoungeVisit.For(options.Seed, visitor.Plan.Number, deflected: visitor.Index < 0);
                    await TypeSummaryAsync(visitor.Plan.Summary, visit);
                    if (visitor.Index >= 0)
                    {
                        working[visitor.Index] = await SubmitAsync(visitor.Plan, visit.SessionId);
                    }
                });
        }

        // The desk's rounds: each inquiry's next step per round, 15 minutes of the day apart.
        var steps = plans.Select(Steps).ToList();
        var rounds = steps.Max(s => (int?)s.Count) ?? 0;
        for (var round = 0; round < rounds; round++)
        {
            MoveClockTo(day.Start + TimeSpan.FromHours(18) + TimeSpan.FromMinutes(15 * round));
            await Parallel.ForEachAsync(Enumerable.Range(0, plans.Count).Where(i => working[i] is not null && round < steps[i].Count),
                new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency },
                async (i, _) => working[i] = await StepAsync(working[i]!, plans[i], steps[i][round]));
        }

        return (requests, failures);
    }

    private enum Step { Open, Assign, Note, Reply, Close, Hold }

    private static List<Step> Steps(InquiryPlan plan)
    {
        var steps = new List<Step> { Step.Open };
        if (plan.Assignee is not null)
        {
            steps.Add(Step.Assign);
        }

        steps.AddRange(Enumerable.Repeat(Step.Note, plan.Notes));
        steps.AddRange(Enumerable.Repeat(Step.Reply, plan.Replies));
        if (plan.Closed)
        {
            steps.Add(Step.Close);
        }

        if (plan.LegalHold)
        {
            steps.Add(Step.Hold);
        }

        return steps;
    }

    /// <summary>An inquiry being worked: its id, the ETag the last answer carried, how many replies it has had.</summary>
    private sealed record Work(Guid Id, string? ETag, int Replies, Random Random);

    private void MoveClockTo(DateTimeOffset when)
    {
        if (when > clock.GetUtcNow())
        {
            clock.SetUtcNow(when);
        }
    }

    /// <summary>
    /// What the Lounge's server does for the form (RecommendationsEndpoint, Articles/Show): for each text
    /// the script asks about, Knowledge's recommendations and a "shown" funnel event per article under
    /// the visitor's session; an article opened from them, its page and an "opened" event; and the
    /// page's 도움이 되었나요? answer with the session.
    /// </summary>
    private async Task TypeSummaryAsync(string summary, LoungeVisit visit)
    {
        string? best = null;
        foreach (var text in visit.Typed(summary))
        {
            var response = await SendAsync(knowledge, new HttpRequestMessage(HttpMethod.Get, $"/api/recommendations?text={Uri.EscapeDataString(text)}&limit=5"));
            if (response?.IsSuccessStatusCode != true)
            {
                return;
            }

            var shown = await response.Content.ReadFromJsonAsync<Recommended[]>() ?? [];
            await Task.WhenAll(shown.Select(article => TrackAsync(visit.SessionId, "shown", article.Slug)));
            best = shown.FirstOrDefault()?.Slug ?? best;
        }

        if (!visit.Opens || best is null)
        {
            return;
        }

        await SendAsync(knowledge, new HttpRequestMessage(HttpMethod.Get, $"/api/articles/{Uri.EscapeDataString(best)}"));
        await TrackAsync(visit.SessionId, "opened", best);
        if (visit.Helpful is { } helpful)
        {
            await SendAsync(knowledge, new HttpRequestMessage(HttpMethod.Post, $"/api/articles/{Uri.EscapeDataString(best)}/feedback")
            {
                Content = JsonContent.Create(new { helpful, sessionId = visit.SessionId }),
            });
        }
    }

    private Task TrackAsync(string sessionId, string kind, string slug) =>
        SendAsync(knowledge, new HttpRequestMessage(HttpMethod.Post, "/api/funnel") { Content = JsonContent.Create(new { sessionId, kind, slug }) });

    private async Task<Work?> SubmitAsync(InquiryPlan plan, string recommendationSessionId)
    {
        var random = new Random(plan.Number);
        Guid[] attachmentIds = [];
        string[] uploadTokens = [];
        if (plan.Attachment)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(KoreanInquiries.LogFile(random));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(file, "file", "maillog.txt");
            var upload = await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, "/api/attachments") { Content = form });
            if (upload?.IsSuccessStatusCode != true)
            {
                return null;
            }

            var uploaded = await upload.Content.ReadFromJsonAsync<Uploaded>();
            (attachmentIds, uploadTokens) = ([uploaded!.AttachmentId], [uploaded.UploadToken]);
        }

        var submitted = await SendAsync(http, new HttpRequestMessage(HttpMethod.Post, "/api/inquiries")
        {
            Content = JsonContent.Create(new
            {
                email = plan.Email,
                companyName = plan.Company,
                phone = $"02-{random.Next(2000, 9999)}-{random.Next(1000, 9999)}",
                summary = plan.Summary,
                details = plan.Details,
                consent = new { accepted = true, policyVersion = "2024-01" },
                attachmentIds,
                uploadTokens,
                language = "ko",
                // The Lounge's anonymous session: Knowledge ties the recommendations it showed to this inquiry.
                recommendationSessionId,
            }),
        });
        if (submitted?.StatusCode != HttpStatusCode.Created)
        {
            return null;
        }

        var receipt = await submitted.Content.ReadFromJsonAsync<Receipt>();
        return new Work(receipt!.InquiryId, null, 0, random);
    }

    private async Task<Work?> StepAsync(Work work, InquiryPlan plan, Step step)
    {
        var agent = agentTokens[plan.Assignee ?? plan.Number % agentTokens.Length];
        var response = await SendAsync(http, StepRequest(work, plan, step, agent, work.ETag));
        if (response?.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            // The service changed the inquiry meanwhile (an SLA warning fell due on the day's clock):
            // the desk reloads it and sends again with the new ETag.
            var reloaded = await SendAsync(http, Request(HttpMethod.Get, $"/api/agent/inquiries/{work.Id}", agent, null, null));
            response = reloaded?.IsSuccessStatusCode == true
                ? await SendAsync(http, StepRequest(work, plan, step, agent, reloaded.Headers.ETag?.ToString()))
                : reloaded;
        }

        if (response?.IsSuccessStatusCode != true)
        {
            if (response?.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                Interlocked.Increment(ref failures);
            }

            return null; // The rest of this inquiry's day is skipped; counted in the failures.
        }

        // The legal hold answers with the hold's state, not the inquiry's version.
        var etag = step == Step.Hold ? work.ETag : response.Headers.ETag?.ToString() ?? work.ETag;
        return work with { ETag = etag, Replies = work.Replies + (step == Step.Reply ? 1 : 0) };
    }

    private HttpRequestMessage StepRequest(Work work, InquiryPlan plan, Step step, string agent, string? etag)
    {
        var path = $"/api/agent/inquiries/{work.Id}";
        return step switch
        {
            Step.Open => Request(HttpMethod.Get, path, agent, null, null),
            Step.Assign => Request(HttpMethod.Post, $"{path}/assign", agent, etag,
                new { assigneeId = InquiryPlan.Agents[plan.Assignee!.Value].Id, assigneeName = InquiryPlan.Agents[plan.Assignee.Value].Name }),
            Step.Note => Request(HttpMethod.Post, $"{path}/notes", agent, etag, new { body = KoreanInquiries.Note(work.Random) }),
            Step.Reply => Request(HttpMethod.Post, $"{path}/replies", agent, etag, new { body = KoreanInquiries.Reply(work.Random, work.Replies) }),
            Step.Close => Request(HttpMethod.Post, $"{path}/close", agent, etag, null),
            _ => Request(HttpMethod.Post, $"/api/compliance/inquiries/{work.Id}/legal-hold", complianceToken, null, new { reason = "분쟁 조정 진행 중: 보존 요청" }),
        };
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string token, string? etag, object? body)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return request;
    }

    private async Task<HttpResponseMessage?> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        Interlocked.Increment(ref requests);
        try
        {
            var response = await client.SendAsync(request);
            // A 412 is the desk's cue to reload (StepAsync), a failure only if that does not help.
            if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.PreconditionFailed)
            {
                if (Interlocked.Increment(ref failures) <= 3)
                {
                    Console.WriteLine($"  {request.Method} {request.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }

            return response;
        }
        catch (HttpRequestException e)
        {
            Interlocked.Increment(ref failures);
            Console.WriteLine($"  {request.Method} {request.RequestUri}: {e.Message}");
            return null;
        }
    }

    private sealed record Recommended(string Slug);

    private sealed record Uploaded(Guid AttachmentId, string UploadToken);

    private sealed record Receipt(Guid InquiryId, string AccessToken);
}
