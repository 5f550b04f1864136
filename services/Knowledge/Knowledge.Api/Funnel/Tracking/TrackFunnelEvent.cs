using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SupportPlatform.Knowledge.Articles;
using SupportPlatform.Knowledge.Searching;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Knowledge.Funnel.Tracking;

/// <param name="Text">Optional, with "opened": the summary as typed when the article was opened. Only its stemmed words are kept, as evidence for learning from use.</param>
public sealed record FunnelEventRequest(string? SessionId, string? Kind, string? Slug, string? Text = null);

/// <summary>
/// <c>POST /api/funnel</c>: the front end reports that a recommendation was shown or opened in an
/// anonymous session. The session id is later matched to <c>InquirySubmitted.RecommendationSessionId</c>.
/// </summary>
public static class TrackFunnelEvent
{
    public static readonly string[] Kinds = ["shown", "opened"];

    public static RouteGroupBuilder MapTrackFunnelEvent(this RouteGroupBuilder api)
    {
        api.MapPost("/funnel", Handle).WithName("TrackFunnelEvent");
        return api;
    }

    public static async Task<Results<Accepted, ValidationProblem>> Handle(
        FunnelEventRequest request, ArticleIndex index, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!SessionIds.IsValid(request.SessionId))
        {
            errors.Add("sessionId", SessionIds.Rule);
        }

        if (request.Kind is null || !Kinds.Contains(request.Kind))
        {
            errors.Add("kind", "\"shown\" or \"opened\".");
        }

        if (request.Slug is null || index.Current.Find(request.Slug) is null)
        {
            errors.Add("slug", "The slug of a published article.");
        }

        if (request.Text?.Length > Recommending.Recommendations.MaxTextLength)
        {
            errors.Add("text", $"At most {Recommending.Recommendations.MaxTextLength} characters.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await using var command = dataSource.CreateCommand(
            "INSERT INTO knowledge.funnel_events (session_id, kind, slug, occurred_at, query_terms) VALUES (@session, @kind, @slug, @now, @terms)");
        command.Parameters.AddWithValue("session", request.SessionId!);
        command.Parameters.AddWithValue("kind", request.Kind!);
        command.Parameters.AddWithValue("slug", request.Slug!);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        var terms = request.Kind == "opened" ? Learning.LearnedTerms.EvidenceTerms(request.Text) : [];
        command.Parameters.Add(new NpgsqlParameter("terms", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { Value = terms.Length > 0 ? terms : DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return TypedResults.Accepted((string?)null);
    }
}
