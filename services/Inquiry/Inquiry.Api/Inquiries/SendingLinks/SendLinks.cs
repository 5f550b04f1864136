using System.Threading.RateLimiting;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Marten;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.Inquiry.Inquiries.Queueing;
using SupportPlatform.Inquiry.Inquiries.Submitting;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Inquiries.SendingLinks;

public sealed record SendLinksRequest(string? Email, string? Language);

/// <summary>
/// <c>POST /api/inquiry-links</c> (내 문의): the address receives one email listing a fresh link to
/// each of its inquiries. The answer is the same 202 whether the address has inquiries or not, and
/// an address asking more than a few times an hour gets no more email (still 202), so the endpoint
/// neither tells who wrote to support nor floods anyone's mailbox; per client IP, the public rate
/// limit applies as everywhere.
/// </summary>
public static class SendLinks
{
    public const int MaxInquiries = 50;

    public static RouteGroupBuilder MapSendLinks(this RouteGroupBuilder api)
    {
        api.MapPost("/inquiry-links", Handle)
            .WithName("SendInquiryLinks")
            .WithSummary("Emails the address a list of links to its inquiries; answers 202 whether or not it has any.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    private static async Task<Results<Accepted, ValidationProblem>> Handle(
        SendLinksRequest request, PersonalDataKeys keys, LinkRequestLimiter limiter, IDocumentStore store,
        IPublishEndpoint publisher, TimeProvider time, IConfiguration configuration, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var email = errors.Text("email", request.Email, Submit.MaxEmail, required: true);
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            errors.Add("email", "Not a valid email address.");
        }

        var language = request.Language?.Trim().ToLowerInvariant() ?? "ko";
        if (language is not ("ko" or "en"))
        {
            errors.Add("language", "Use \"ko\" or \"en\".");
        }

        if (errors.Any)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary());
        }

        var emailHash = keys.EmailHash(email!);
        if (!limiter.TryAcquire(emailHash))
        {
            return TypedResults.Accepted((string?)null);
        }

        var inquiries = await FindAsync(store, emailHash, cancellationToken);
        if (inquiries.Count > 0)
        {
            var now = time.GetUtcNow();
            var expiresAt = now + configuration.GetValue("InquiryLinks:Lifetime", TimeSpan.FromDays(7));
            await publisher.Publish(new InquiryLinksRequested
            {
                RequestId = Guid.CreateVersion7(),
                InquiryIds = inquiries,
                Language = language,
                LinksExpireAt = expiresAt,
                RequestedAt = now,
            }, cancellationToken);
            loggers.CreateLogger(typeof(SendLinks)).LogInformation("Inquiry links requested for {Count} inquiries", inquiries.Count);
        }

        return TypedResults.Accepted((string?)null);
    }

    private static async Task<IReadOnlyList<Guid>> FindAsync(
        IDocumentStore store, string emailHash, CancellationToken cancellationToken)
    {
        // The queue read model is where an address's inquiries are found by its keyed hash.
        await using var session = store.QuerySession();
        return await session.Query<QueueEntry>()
            .Where(q => q.EmailHash == emailHash)
            .OrderByDescending(q => q.SubmittedAt)
            .Take(MaxInquiries)
            .Select(q => q.Id)
            .ToListAsync(cancellationToken);
    }
}

/// <summary>At most <c>InquiryLinks:PerAddressPerHour</c> link emails per address (by its keyed hash) per replica.</summary>
public sealed class LinkRequestLimiter(IConfiguration configuration) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(emailHash =>
        RateLimitPartition.GetFixedWindowLimiter(emailHash, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = configuration.GetValue("InquiryLinks:PerAddressPerHour", 3),
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));

    public bool TryAcquire(string emailHash)
    {
        using var lease = limiter.AttemptAcquire(emailHash);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
