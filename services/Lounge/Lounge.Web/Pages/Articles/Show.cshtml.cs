using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Lounge.Apis;
using SupportPlatform.Lounge.Recommending;

namespace SupportPlatform.Lounge.Pages.Articles;

/// <summary>One article, rendered by Knowledge (its HTML is sanitised there), and 도움이 되었나요?</summary>
public sealed class ShowModel(KnowledgeApi knowledge, ILogger<ShowModel> logger) : PageModel
{
    public ArticleView Article { get; private set; } = null!;

    [TempData]
    public bool FeedbackGiven { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery] string? from, CancellationToken cancellationToken)
    {
        if (await knowledge.ArticleAsync(slug, cancellationToken) is not { } article)
        {
            return NotFound();
        }

        Article = article;
        // Opened from the inquiry form's recommendations: the funnel learns the recommendation was read.
        if (from == "recommendation" && RecommendationSessions.Find(HttpContext) is { } session
            && await knowledge.TrackAsync(session, "opened", slug, cancellationToken) is { Problem: { } problem })
        {
            logger.LogWarning("Knowledge refused a funnel event: {Status} {Title}", problem.Status, problem.Title);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostFeedbackAsync(string slug, [FromForm] bool? helpful, CancellationToken cancellationToken)
    {
        if (helpful is null)
        {
            return RedirectToPage(new { slug });
        }

        var result = await knowledge.GiveFeedbackAsync(slug, helpful.Value, RecommendationSessions.Find(HttpContext), cancellationToken);
        if (result.Status == HttpStatusCode.NotFound)
        {
            return NotFound();
        }

        if (Request.Headers["X-Requested-With"] == "fetch")
        {
            return result.Succeeded ? new OkResult() : StatusCode((int)result.Status);
        }

        FeedbackGiven = result.Succeeded;
        return RedirectToPage(new { slug });
    }
}
