extern alias inquiry;
extern alias notification;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using SupportPlatform.Testing;
using Xunit;
using InquiryProgram = inquiry::Program;
using NotificationProgram = notification::Program;

namespace SupportPlatform.Platform.Tests;

/// <summary>
/// The Inquiry and Notification services side by side on one database, one vhost and a real SMTP
/// server: a customer's submission is followed, by its trace id, from the HTTP request through the
/// stored event's publication and the Notification consumer to the SMTP send.
/// </summary>
public sealed class FollowingOneInquiryAcrossServices(PostgresDatabase database, RabbitMqVhost vhost, SmtpServer smtp)
    : IClassFixture<PostgresDatabase>, IClassFixture<RabbitMqVhost>, IClassFixture<SmtpServer>, IAsyncLifetime
{
    private static readonly ActivitySource Customer = new("SupportPlatform.Platform.Tests");
    private readonly ConcurrentQueue<Activity> finished = new();
    private ActivityListener? listener;
    private ServiceFactory<InquiryProgram>? inquiries;
    private ServiceFactory<NotificationProgram>? notifications;

    public Task InitializeAsync()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = finished.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        notifications = new ServiceFactory<NotificationProgram>(database, vhost);
        notifications.Settings["Smtp:Host"] = smtp.Host;
        notifications.Settings["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        notifications.Settings["Smtp:From"] = "고객케어 라운지 <no-reply@vendor.test>";
        notifications.Settings["Notification:SupportTeamAddress"] = "support-team@vendor.test";
        _ = notifications.Services; // its queues exist before the first event is published

        inquiries = new ServiceFactory<InquiryProgram>(database, vhost);
        inquiries.Settings["PersonalData:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        inquiries.Settings["PersonalData:LookupKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _ = inquiries.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (inquiries is not null)
        {
            await inquiries.DisposeAsync();
        }

        if (notifications is not null)
        {
            await notifications.DisposeAsync();
        }

        listener?.Dispose();
    }

    [Fact]
    public async Task One_trace_spans_the_submission_its_publication_the_receipt_consumer_and_the_smtp_send()
    {
        var email = $"trace-{Guid.NewGuid():N}@customer.test";
        ActivityTraceId traceId;
        using (var submitting = Customer.StartActivity("customer submits an inquiry", ActivityKind.Client)!)
        {
            traceId = submitting.TraceId;
            using var client = inquiries!.CreateClient();
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
            request.Headers.Add("traceparent", submitting.Id);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        await Eventually.TrueAsync(
            async () => (await smtp.ReadMessagesAsync()).Any(m => m.Contains(email, StringComparison.Ordinal)),
            "the receipt to reach the SMTP server",
            TimeSpan.FromSeconds(30));
        // The consumer's span ends after the SMTP send inside it: wait for every hop to end.
        var hops = new (string Hop, Func<Activity, bool> Is)[]
        {
            ("the HTTP request", a => a.Source.Name == "Microsoft.AspNetCore" && a.Kind == ActivityKind.Server),
            ("the publication of the stored event", a => a.Source.Name == "SupportPlatform.Inquiry.Publishing" && a.OperationName == "InquirySubmitted publish"),
            ("the Notification consumer", a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer),
            ("the SMTP send", a => a.Source.Name.StartsWith("SupportPlatform", StringComparison.Ordinal) && a.OperationName == "smtp send"),
        };
        List<Activity> trace = [];
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(20); await Task.Delay(50))
        {
            trace = [.. finished.Where(a => a.TraceId == traceId)];
            if (hops.All(hop => trace.Any(hop.Is)))
            {
                break;
            }
        }

        Assert.All(hops, hop => Assert.True(trace.Any(hop.Is), $"No span of {hop.Hop} in trace {traceId}."));
    }
}
