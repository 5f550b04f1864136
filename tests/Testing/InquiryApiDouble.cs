using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SupportPlatform.Inquiry.Contracts;
using Xunit;

namespace SupportPlatform.Testing;

/// <summary>
/// Inquiry's internal API (<see cref="InternalInquiryApi"/>) as a small real HTTP server on
/// loopback, for testing its consumers (Notification, Knowledge) without the Inquiry service: it
/// holds what a test put in, checks the service token like Inquiry does (signed with the test key,
/// role <c>service</c>), and can be made unavailable (503) or forget an inquiry (a purge: 404).
/// The real pairing is covered by the platform tests.
/// </summary>
public sealed class InquiryApiDouble : IAsyncLifetime
{
    private readonly ConcurrentDictionary<Guid, InquiryForEmail> inquiries = new();
    private readonly ConcurrentDictionary<(Guid, Guid), InquiryReply> replies = new();
    private readonly ConcurrentQueue<(Guid InquiryId, InboundEmail Email)> emails = new();
    private readonly ConcurrentDictionary<(Guid, string), Guid> emailIds = new();
    private readonly ConcurrentDictionary<Guid, bool> closedLongAgo = new();
    private readonly ConcurrentDictionary<Guid, Gate> gates = new();
    private WebApplication? app;
    private int requests;

    /// <summary>Answer every request with 503, as an Inquiry that is down or restarting would look.</summary>
    public bool Unavailable { get; set; }

    /// <summary>Requests answered so far (any status).</summary>
    public int Requests => Volatile.Read(ref requests);

    public string BaseAddress { get; private set; } = string.Empty;

    public InquiryForEmail Add(Guid inquiryId, string email, string summary, string language = "ko", string companyName = "(주)한빛소프트")
    {
        var inquiry = new InquiryForEmail(
            inquiryId, email, companyName, summary, language, new DateTimeOffset(2026, 1, 5, 9, 30, 0, TimeSpan.Zero), "tok-" + inquiryId.ToString("N")[..12],
            ReplyTokenOf(inquiryId),
            "survey-" + inquiryId.ToString("N")[..12]);
        inquiries[inquiryId] = inquiry;
        return inquiry;
    }

    /// <summary>The reply-address token the double gives an inquiry: well-formed, with a tag of the id's first bytes (Inquiry derives it from the data key).</summary>
    public static string ReplyTokenOf(Guid inquiryId) => ReplyAddresses.Token(inquiryId, inquiryId.ToByteArray()[..ReplyAddresses.TagSize]);

    public InquiryReply AddReply(Guid inquiryId, string agentName, string body)
    {
        var reply = new InquiryReply(inquiryId, Guid.NewGuid(), agentName, body, new DateTimeOffset(2026, 1, 6, 2, 0, 0, TimeSpan.Zero));
        replies[(inquiryId, reply.ReplyId)] = reply;
        return reply;
    }

    /// <summary>Every emailed answer handed over, in order, duplicates included.</summary>
    public IReadOnlyList<(Guid InquiryId, InboundEmail Email)> ReceivedEmails => [.. emails];

    /// <summary>The inquiry was closed longer ago than the reopening window: emailed answers are refused (nothing stored).</summary>
    public void CloseLongAgo(Guid inquiryId) => closedLongAgo[inquiryId] = true;

    /// <summary>The inquiry is gone, as after a purge.</summary>
    public void Remove(Guid inquiryId) => inquiries.TryRemove(inquiryId, out _);

    /// <summary>
    /// Reads of the inquiry (itself, its summary, its replies) wait until the returned gate opens, as
    /// an overloaded Inquiry keeps its callers waiting.
    /// </summary>
    public Gate Hold(Guid inquiryId) => gates[inquiryId] = new Gate();

    private async Task PassAsync(Guid inquiryId)
    {
        if (gates.TryGetValue(inquiryId, out var gate))
        {
            gate.Reached();
            await gate.Opened;
        }
    }

    /// <summary>Where reads of one inquiry wait: <see cref="Arrived"/> once the first is waiting, until <see cref="Open"/>.</summary>
    public sealed class Gate
    {
        private readonly TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Arrived => arrived.Task;

        internal Task Opened => opened.Task;

        public void Open() => opened.TrySetResult();

        internal void Reached() => arrived.TrySetResult();
    }

    public async Task InitializeAsync() =>
        (app, BaseAddress) = await LoopbackServiceApi.StartAsync(() => Unavailable, MapInternal, () => Interlocked.Increment(ref requests));

    private void MapInternal(RouteGroupBuilder api)
    {
        api.MapGet("/inquiries/{id:guid}", async (Guid id) =>
        {
            await PassAsync(id);
            return inquiries.TryGetValue(id, out var found) ? Results.Ok(found) : Results.NotFound();
        });
        api.MapGet("/inquiries/{id:guid}/summary", async (Guid id) =>
        {
            await PassAsync(id);
            return inquiries.TryGetValue(id, out var found) ? Results.Ok(new InquirySummary(id, found.Summary)) : Results.NotFound();
        });
        api.MapGet("/inquiries/{id:guid}/replies/{replyId:guid}", async (Guid id, Guid replyId) =>
        {
            await PassAsync(id);
            return inquiries.ContainsKey(id) && replies.TryGetValue((id, replyId), out var reply) ? Results.Ok(reply) : Results.NotFound();
        });
        // Like Inquiry: once per message key and inquiry; trusted when the sender is the inquiry's
        // address and the mail came to its reply address (or answers one of its emails).
        api.MapPost("/inquiries/{id:guid}/emails", (Guid id, InboundEmail email) =>
        {
            if (!inquiries.TryGetValue(id, out var inquiry))
            {
                return Results.NotFound();
            }

            emails.Enqueue((id, email));
            if (closedLongAgo.ContainsKey(id))
            {
                return Results.Ok(new InboundEmailOutcome(id, Guid.Empty, InboundEmailOutcome.ClosedTooLong));
            }

            var messageId = Guid.NewGuid();
            if (emailIds.GetOrAdd((id, email.MessageKey), messageId) != messageId)
            {
                return Results.Ok(new InboundEmailOutcome(id, emailIds[(id, email.MessageKey)], InboundEmailOutcome.Duplicate));
            }

            var trusted = string.Equals(email.From, inquiry.Email, StringComparison.OrdinalIgnoreCase)
                && (email.ReplyToken == ReplyTokenOf(id) || (email.ReplyToken is null && email.AnswersOurEmail));
            return Results.Ok(new InboundEmailOutcome(id, messageId, trusted ? InboundEmailOutcome.Appended : InboundEmailOutcome.Held));
        });
        api.MapPost("/inquiry-links", (InquiryLinksQuery query) =>
        {
            var found = query.InquiryIds.Select(id => inquiries.GetValueOrDefault(id)).OfType<InquiryForEmail>().ToList();
            return found.Count == 0
                ? Results.NotFound()
                : Results.Ok(new InquiryLinks(found[0].Email, [.. found.Select(i => new InquiryLink(i.InquiryId, i.SubmittedAt, $"L1.link-{i.InquiryId:N}"))]));
        });
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
