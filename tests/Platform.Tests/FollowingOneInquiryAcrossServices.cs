using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Platform.Tests;

/// <summary>
/// A customer's submission is followed, by its trace id, across the processes the AppHost runs:
/// the HTTP request in Inquiry, the stored event's publication, the Notification consumer on
/// RabbitMQ and the SMTP send — one waterfall, as the dashboard shows it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class FollowingOneInquiryAcrossServices(RunningPlatform platform)
{
    [Fact]
    public async Task One_trace_spans_the_submission_its_publication_the_receipt_consumer_and_the_smtp_send()
    {
        var email = $"trace-{Guid.NewGuid():N}@customer.test";
        var traceId = ActivityTraceId.CreateRandom();
        using var client = platform.App.CreateHttpClient("inquiry", "http");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/inquiries")
        {
            Content = JsonContent.Create(new
            {
                email,
                companyName = "다우테크놀로지 주식회사",
                summary = "랜섬웨어 관련",
                details = "스팸서버에서 랜섬웨어 첨부 메일이 통과됩니다.",
                consent = new { accepted = true, policyVersion = "2024-01" },
            }),
        };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await Eventually.TrueAsync(
            () => Task.FromResult(platform.CaughtMail().Any(m => m.Contains(email, StringComparison.Ordinal))),
            "the receipt to reach the SMTP catcher",
            TimeSpan.FromSeconds(60));
        var hops = new (string Hop, Func<ReceivedSpan, bool> Is)[]
        {
            ("Inquiry's HTTP request", s => s.Service == "inquiry" && s.Scope == "Microsoft.AspNetCore" && s.Kind == ReceivedSpan.Server),
            ("Inquiry's publication of the stored event", s => s.Service == "inquiry" && s.Scope == "SupportPlatform.Inquiry.Publishing" && s.Name == "InquirySubmitted publish"),
            ("Notification's consumer", s => s.Service == "notification" && s.Scope == "MassTransit" && s.Kind == ReceivedSpan.Consumer),
            ("Notification's SMTP send", s => s.Service == "notification" && s.Name == "smtp send" && s.Kind == ReceivedSpan.Client),
        };
        var trace = await Eventually.ReturnsAsync(
            () => Task.FromResult(platform.Telemetry.Spans.Where(s => s.TraceId == traceId.ToHexString()).ToList()),
            spans => hops.All(hop => spans.Any(hop.Is)),
            $"every hop of trace {traceId} to be exported",
            TimeSpan.FromSeconds(30));

        Assert.All(hops, hop => Assert.True(trace.Any(hop.Is), $"No span of {hop.Hop} in trace {traceId}: {string.Join("; ", trace)}"));
    }
}
