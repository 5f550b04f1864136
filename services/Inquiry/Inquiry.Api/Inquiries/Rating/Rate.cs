using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Inquiries.Rating;

public sealed record RateRequest(int? Score, string? Comment);

/// <summary>
/// The survey as its link shows it: whether a rating can be given (or changed) now, and the one
/// given so far. The comment is not sent back: the link may be opened by a mail gateway too.
/// </summary>
public sealed record SurveyView(Guid InquiryId, bool CanRate, int? Score, DateTimeOffset? RatedAt, DateTimeOffset? ChangeableUntil);

/// <summary>
/// The customer's satisfaction survey (<c>X-Survey-Token</c>, derived from the inquiry's key):
/// <c>GET</c> only reads, since mail security gateways fetch every link they see; only <c>PUT</c>
/// records a rating. A wrong token, an unknown and a purged inquiry are the same 404.
/// </summary>
public static class RateEndpoint
{
    public static RouteGroupBuilder MapRate(this RouteGroupBuilder api)
    {
        api.MapGet("/inquiries/{id:guid}/satisfaction", HandleGet)
            .WithName("GetSatisfactionSurvey")
            .WithSummary("The satisfaction survey of a closed inquiry (needs X-Survey-Token); records nothing.");
        api.MapPut("/inquiries/{id:guid}/satisfaction", HandlePut)
            .WithBodySizeLimit(16 * 1024)
            .WithName("RateInquiry")
            .WithSummary("The customer rates the answer 1–5 with an optional comment (needs X-Survey-Token); changeable for 7 days.");
        return api;
    }

    private static async Task<Results<Ok<SurveyView>, ProblemHttpResult>> HandleGet(
        Guid id, HttpRequest http, InquiryStreams streams, DataKeyStore keys, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await OpenAsync(id, http, keys, cancellationToken) is null
            || await streams.LoadAsync(id, cancellationToken) is not { } inquiry)
        {
            return Problems.InquiryNotFound();
        }

        var rating = inquiry.Events.OfType<InquiryRated>().LastOrDefault();
        return TypedResults.Ok(ViewOf(inquiry.State, rating?.Score, rating?.RatedAt, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<SurveyView>, ValidationProblem, ProblemHttpResult>> HandlePut(
        Guid id, RateRequest request, HttpRequest http, DataKeyStore keys, InquiryCommands commands, TimeProvider time,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (request.Score is not (>= Satisfaction.MinScore and <= Satisfaction.MaxScore))
        {
            errors.Add("score", $"Choose a score from {Satisfaction.MinScore} to {Satisfaction.MaxScore}.");
        }

        var comment = errors.Text("comment", request.Comment, Satisfaction.MaxComment, required: false);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await OpenAsync(id, http, keys, cancellationToken) is not { } key)
        {
            return Problems.InquiryNotFound();
        }

        Sealed? sealedComment = comment is null ? null : key.Seal(id, comment);
        var outcome = await commands.ExecuteAsync(
            id, Expect.Current, (state, now) => Satisfaction.Rate(state, request.Score!.Value, sealedComment, now), cancellationToken);
        if (outcome is not CommandOutcome.Accepted { State: var state })
        {
            return Problems.From(outcome);
        }

        loggers.CreateLogger(typeof(RateEndpoint)).LogInformation("Customer rated inquiry {InquiryId}", id);
        var now = time.GetUtcNow();
        return TypedResults.Ok(ViewOf(state, request.Score, now, now));
    }

    private static async Task<DataKey?> OpenAsync(Guid id, HttpRequest http, DataKeyStore keys, CancellationToken cancellationToken)
    {
        var token = http.Headers[SurveyTokens.Header].ToString();
        if (token.Length == 0 || await keys.FindAsync(id, cancellationToken) is not { } key)
        {
            return null;
        }

        return SurveyTokens.Matches(token, key, id) ? key : null;
    }

    private static SurveyView ViewOf(InquiryState state, int? score, DateTimeOffset? ratedAt, DateTimeOffset now)
    {
        var until = Satisfaction.ChangeableUntil(state);
        return new SurveyView(state.Id, state.SurveyRequestedAt is not null && !(now > until), score, ratedAt, until);
    }
}
