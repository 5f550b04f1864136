using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Agent.Http;
using SupportPlatform.Agent.SavedReplies.Storing;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Agent.SavedReplies.Searching;

/// <summary>One search hit: enough to show and pick it, never the body.</summary>
public sealed record SavedReplyHit(Guid Id, string Title, bool Team);

/// <summary>
/// <c>GET /saved-replies/search?q=</c>: the reply box's live search (saved-replies.js) over the
/// team's replies and the member's own, by Korean prefix. The same search runs server-side when the
/// box is used without JavaScript, so both paths find the same replies.
/// </summary>
public static class SearchSavedReplies
{
    public const int MaxQuery = 50;
    public const int MaxHits = 8;

    public static IEndpointRouteBuilder MapSavedReplySearch(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/saved-replies/search", Handle)
            .WithName("SearchSavedReplies")
            .RequireAuthorization(StaffRoles.Agent);
        return routes;
    }

    /// <summary>The member's visible replies whose title matches, at most <see cref="MaxHits"/>.</summary>
    public static IReadOnlyList<SavedReply> Filter(IEnumerable<SavedReply> replies, string? query) =>
        [.. replies.Where(r => KoreanPrefix.Matches(r.Title, query ?? "")).Take(MaxHits)];

    private static async Task<Results<Ok<IReadOnlyList<SavedReplyHit>>, ValidationProblem>> Handle(
        string? q, HttpContext http, SavedReplyStore store, CancellationToken cancellationToken)
    {
        if (q is { Length: > MaxQuery })
        {
            return FieldErrors.Problem("q", $"At most {MaxQuery} characters.");
        }

        var visible = await store.VisibleToAsync(http.User.StaffId(), cancellationToken);
        IReadOnlyList<SavedReplyHit> hits = [.. Filter(visible, q).Select(r => new SavedReplyHit(r.Id, r.Title, r.IsTeam))];
        return TypedResults.Ok(hits);
    }
}
