using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.Inquiries.Categorising;

/// <summary>A Knowledge category slug, as the desk offers them from Knowledge's category list.</summary>
public sealed record CategoriseRequest(string? Category);

public static partial class Categorise
{
    public static RouteGroupBuilder MapCategorise(this RouteGroupBuilder agent)
    {
        agent.MapPost("/{id:guid}/category", Handle)
            .WithName("CategoriseInquiry")
            .WithSummary("Files the inquiry under a product category (a Knowledge category slug). If-Match: the inquiry's ETag.");
        return agent;
    }

    /// <summary>Knowledge's slug form: lower-case letters, digits and hyphens. Slugs carry no personal data, so reports may group by them.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,49}$")]
    private static partial Regex Slug();

    private static async Task<Results<Ok<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, CategoriseRequest? request, HttpContext http, AgentCommands commands, CancellationToken cancellationToken)
    {
        var category = request?.Category?.Trim();
        if (category is null || !Slug().IsMatch(category))
        {
            return FieldErrors.Problem("category", "A category slug: lower-case letters, digits and hyphens, up to 50.");
        }

        var agent = http.User.Member();
        return await commands.ExecuteAsync(
            id, http, "categorise",
            (state, _, now) => InquiryDecisions.Categorise(state, category, agent, now),
            null, cancellationToken);
    }
}
