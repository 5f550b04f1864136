using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SupportPlatform.Knowledge.Articles;
using SupportPlatform.Knowledge.Searching;

namespace SupportPlatform.Knowledge.Funnel.Tracking;

public sealed record FunnelEventRequest(string? SessionId, string? Kind, string? Slug);

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
        var errors = new Dictionary<string, string[]>();
        if (!SessionIds.IsValid(request.SessionId))
        {
            errors["sessionId"] = [SessionIds.Rule];
        }

        if (request.Kind is null || !Kinds.Contains(request.Kind))
        {
            errors["kind"] = ["\"shown\" or \"opened\"."];
        }

        if (request.Slug is null || index.Current.Find(request.Slug) is null)
        {
            errors["slug"] = ["The slug of a published article."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await using var command = dataSource.CreateCommand(
            "INSERT INTO knowledge.funnel_events (session_id, kind, slug, occurred_at) VALUES (@session, @kind, @slug, @now)");
        command.Parameters.AddWithValue("session", request.SessionId!);
        command.Parameters.AddWithValue("kind", request.Kind!);
        command.Parameters.AddWithValue("slug", request.Slug!);
        command.Parameters.AddWithValue("now", time.GetUtcNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
        return TypedResults.Accepted((string?)null);
    }
}
