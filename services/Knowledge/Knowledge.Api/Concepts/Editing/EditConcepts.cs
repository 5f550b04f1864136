using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupportPlatform.Knowledge.Articles;
using SupportPlatform.Knowledge.Searching;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Knowledge.Concepts.Editing;

public sealed record ConceptRequest(string[]? Phrases, string[]? Articles);

public sealed record ConceptView(string Concept, string[] Phrases, string[] Articles, int Revision, string Editor, DateTimeOffset UpdatedAt, bool Deleted)
{
    public static ConceptView From(ConceptRecord record) =>
        new(record.Key, record.Phrases, record.Articles, record.Revision, record.Editor, record.UpdatedAt, record.Deleted);
}

/// <summary>
/// Staff keep the domain vocabulary (<c>/api/staff/vocabulary</c>): list it, save a concept as its
/// next revision (<c>If-Match</c> = the revision edited), delete one, read its history. Every change
/// bumps the catalog version, so every replica's index applies it at its next refresh.
/// </summary>
public static partial class EditConcepts
{
    public const int MaxPhrases = 100;
    public const int MaxPhraseLength = 100;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,49}$")]
    private static partial Regex KeyPattern();

    public static RouteGroupBuilder MapEditConcepts(this RouteGroupBuilder staff)
    {
        staff.MapGet("/vocabulary", List).WithName("ListConcepts");
        staff.MapPut("/vocabulary/{concept}", Save).WithName("SaveConcept");
        staff.MapDelete("/vocabulary/{concept}", Delete).WithName("DeleteConcept");
        staff.MapGet("/vocabulary/{concept}/revisions", Revisions).WithName("ListConceptRevisions");
        return staff;
    }

    public static async Task<Ok<ConceptView[]>> List(ConceptStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListAsync(null, null, includeDeleted: false, cancellationToken)).Select(ConceptView.From).ToArray());

    public static async Task<Results<Ok<ConceptView>, ValidationProblem, ProblemHttpResult>> Save(
        string concept,
        ConceptRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ClaimsPrincipal user,
        HttpResponse response,
        ConceptStore store,
        ArticleIndex index,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var expected = Validate(concept, ifMatch, errors);
        var phrases = (request.Phrases ?? []).Select(p => p?.Trim() ?? string.Empty).Distinct(StringComparer.Ordinal).ToArray();
        if (phrases.Length is 0 or > MaxPhrases || phrases.Any(p => p.Length > MaxPhraseLength || KoreanText.Normalize(p).Length == 0))
        {
            errors.Add("phrases", $"1 to {MaxPhrases} phrases of at most {MaxPhraseLength} characters, each with a letter or digit.");
        }

        var articles = (request.Articles ?? []).Select(a => a?.Trim() ?? string.Empty).Distinct(StringComparer.Ordinal).ToArray();
        if (articles.Any(slug => index.Current.Find(slug) is null))
        {
            errors.Add("articles", "Slugs of published articles.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (outcome, revision) = await store.SaveAsync(concept, phrases, articles, deleted: false, Staff.Editor(user), time.GetUtcNow(), expected, onlyIfNew: false, cancellationToken);
        if (outcome == WriteOutcome.Conflict)
        {
            return Changed(revision);
        }

        await index.RefreshAsync(cancellationToken);
        response.SetVersionTag(revision);
        var saved = (await store.RevisionsAsync(concept, cancellationToken))[0];
        return TypedResults.Ok(ConceptView.From(saved));
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> Delete(
        string concept,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ClaimsPrincipal user,
        ConceptStore store,
        ArticleIndex index,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var expected = Validate(concept, ifMatch, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (outcome, revision) = await store.SaveAsync(concept, [], [], deleted: true, Staff.Editor(user), time.GetUtcNow(), expected, onlyIfNew: false, cancellationToken);
        switch (outcome)
        {
            case WriteOutcome.NotFound:
                return TypedResults.NotFound();
            case WriteOutcome.Conflict:
                return Changed(revision);
        }

        await index.RefreshAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ConceptView[]>, NotFound>> Revisions(string concept, ConceptStore store, CancellationToken cancellationToken)
    {
        var revisions = await store.RevisionsAsync(concept, cancellationToken);
        return revisions.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok(revisions.Select(ConceptView.From).ToArray());
    }

    private static int? Validate(string concept, string? ifMatch, FieldErrors errors)
    {
        if (!KeyPattern().IsMatch(concept))
        {
            errors.Add("concept", "2–50 characters: lower-case letters, digits and '-', e.g. \"bounce\".");
        }

        switch (VersionTags.TryParseIfMatch(ifMatch, out var revision))
        {
            case null:
                return null;
            case true when revision <= int.MaxValue:
                return (int)revision;
        }

        errors.Add("If-Match", "The concept's revision as its ETag gives it, e.g. \"3\".");
        return null;
    }

    private static ProblemHttpResult Changed(int revision) => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "The concept changed meanwhile",
        detail: $"It is at revision {revision}; reload it and apply your edit again.");
}
