using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SupportPlatform.Inquiry.AccessRecords.RecordingApiReads;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.Inquiry.Inquiries.AutoClosing;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.Inquiry.ServiceLevels;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Inquiries.Viewing;

/// <summary>
/// Reading one inquiry from its stream (so a GET right after the POST sees it), for the customer
/// with the private-link token, and for agents with the ETag they send back in If-Match.
/// </summary>
public static class ViewInquiry
{
    public static RouteGroupBuilder MapCustomerView(this RouteGroupBuilder api)
    {
        api.MapGet("/inquiries/{id:guid}", HandleCustomer)
            .WithName("GetInquiry")
            .WithSummary("The customer's view of the inquiry and its replies (needs X-Inquiry-Token; internal notes are never shown).");
        return api;
    }

    public static RouteGroupBuilder MapAgentView(this RouteGroupBuilder agent)
    {
        agent.MapGet("/{id:guid}", HandleAgent)
            .WithName("GetInquiryAsAgent")
            .WithSummary("The whole inquiry with internal notes; ETag = stream version, for If-Match on changes.");
        return agent;
    }

    private static async Task<Results<Ok<InquiryView>, ProblemHttpResult>> HandleCustomer(
        Guid id, HttpRequest request, CustomerAccess access, DataKeyStore keys, CancellationToken cancellationToken)
    {
        if (await access.OpenAsync(id, request, cancellationToken) is not { } inquiry
            || await keys.FindAsync(id, cancellationToken) is not { } key)
        {
            return Problems.InquiryNotFound();
        }

        return TypedResults.Ok(InquiryViews.ForCustomer(inquiry, key));
    }

    private static async Task<Results<Ok<InquiryView>, ProblemHttpResult>> HandleAgent(
        Guid id, HttpContext http, InquiryStreams streams, DataKeyStore keys, SlaRules rules, TimeProvider time, IWaitingDays calendar,
        IOptions<AutoCloseOptions> autoClose, ApiReads reads, CancellationToken cancellationToken)
    {
        if (await streams.LoadAsync(id, cancellationToken) is not { } inquiry
            || await keys.FindAsync(id, cancellationToken) is not { } key)
        {
            return Problems.InquiryNotFound();
        }

        await reads.RecordAsync(http, ApiReadActions.InquiryViewed, id, cancellationToken: cancellationToken);
        http.Response.SetVersionTag(inquiry.Version);
        return TypedResults.Ok(InquiryViews.ForAgent(inquiry, key, rules, time.GetUtcNow()) with
        {
            AutoCloseAt = AutoClose.ScheduleOf(inquiry.State, calendar, autoClose.Value.Days)?.CloseAt,
            Satisfaction = inquiry.Events.OfType<InquiryRated>().LastOrDefault() is { } rating
                ? new SatisfactionView(rating.Score, rating.Comment is { } comment ? key.Open(id, comment) : null, rating.RatedAt)
                : null,
        });
    }
}
