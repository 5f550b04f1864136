using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SupportPlatform.Lounge.Apis;
using SupportPlatform.Lounge.Inquiries;
using SupportPlatform.Lounge.Limiting;

namespace SupportPlatform.Lounge.Pages.Inquiries;

/// <summary>
/// The satisfaction survey (<c>/inquiries/{id}/satisfaction?token=…</c>, the link of the email sent
/// when an inquiry closes). Mail security gateways open every link in a message, so a GET only
/// shows the form: a rating is recorded by the customer's submit alone (POST, with antiforgery).
/// A wrong token and an unknown id look the same.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[EnableRateLimiting(FairUse.PerVisitor)]
public sealed class SatisfactionModel(InquiryApi inquiries) : PageModel
{
    /// <summary>What each score means, shown beside its radio button.</summary>
    public static readonly IReadOnlyList<(int Score, string Meaning)> Scores =
    [
        (5, "매우 도움이 되었어요"),
        (4, "도움이 되었어요"),
        (3, "보통이에요"),
        (2, "별로 도움이 되지 않았어요"),
        (1, "전혀 도움이 되지 않았어요"),
    ];

    public SurveyView Survey { get; private set; } = null!;

    [FromQuery(Name = "token")]
    public string Token { get; set; } = string.Empty;

    [BindProperty]
    public int? Score { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public string? ScoreError { get; private set; }

    public string? CommentError { get; private set; }

    public string? SubmitError { get; private set; }

    [TempData]
    public bool Rated { get; set; }

    public static string PathOf(Guid inquiryId, string token) => $"/inquiries/{inquiryId}/satisfaction?token={Uri.EscapeDataString(token)}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Score = Survey.Score;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await inquiries.RateAsync(id, Token, Score, Comment, cancellationToken);
        if (result.Succeeded)
        {
            Rated = true;
            return Redirect(PathOf(id, Token));
        }

        if (result.Status == HttpStatusCode.NotFound || !await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var errors = result.Problem!.Errors;
        ScoreError = errors.TryGetValue("score", out var score) && score.Length > 0 ? FieldMessages.ToKorean("score", score[0]) : null;
        CommentError = errors.TryGetValue("comment", out var comment) && comment.Length > 0 ? FieldMessages.ToKorean("comment", comment[0]) : null;
        SubmitError = (ScoreError, CommentError, result.Status) switch
        {
            (null, null, HttpStatusCode.Conflict) => "평가를 바꿀 수 있는 기간(처음 평가하신 뒤 7일)이 지났습니다.",
            (null, null, _) => "보내지 못했습니다. 잠시 후 다시 시도해 주세요.",
            _ => null,
        };
        Response.StatusCode = (int)result.Status;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await inquiries.GetSurveyAsync(id, Token, cancellationToken) is not { } survey)
        {
            return false;
        }

        Survey = survey;
        return true;
    }
}
