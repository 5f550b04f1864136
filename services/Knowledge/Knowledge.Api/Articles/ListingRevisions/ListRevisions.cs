using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Knowledge.Contracts;
using SupportPlatform.ServiceDefaults.Rendering;

namespace SupportPlatform.Knowledge.Articles.ListingRevisions;

/// <summary><c>GET /api/staff/articles/{slug}/revisions</c> (newest first) and <c>…/revisions/{revision}</c>: every edit ever saved.</summary>
public static class ListRevisions
{
    public static RouteGroupBuilder MapListRevisions(this RouteGroupBuilder staff)
    {
        staff.MapGet("/articles/{slug}/revisions", async Task<Results<Ok<RevisionView[]>, NotFound>> (string slug, ArticleStore store, CancellationToken cancellationToken) =>
        {
            var revisions = await store.RevisionsAsync(slug, cancellationToken);
            return revisions is null ? TypedResults.NotFound() : TypedResults.Ok(revisions.Select(View).ToArray());
        }).WithName("ListRevisions");

        staff.MapGet("/articles/{slug}/revisions/{revision:int}", async Task<Results<Ok<RevisionView>, NotFound>> (string slug, int revision, ArticleStore store, CancellationToken cancellationToken) =>
        {
            var found = (await store.RevisionsAsync(slug, cancellationToken))?.FirstOrDefault(r => r.Revision == revision);
            return found is null ? TypedResults.NotFound() : TypedResults.Ok(View(found));
        }).WithName("GetRevision");
        return staff;
    }

    private static RevisionView View(RevisionRecord r) =>
        new(r.Revision, r.Title, r.CategorySlug, r.Products, r.Editor, r.EditedAt, r.Body, SafeMarkdown.ToHtml(r.Body, MarkdownProfile.Article));
}
