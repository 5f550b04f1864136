using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SupportPlatform.Knowledge.Articles;
using SupportPlatform.Knowledge.Searching;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Knowledge.Learning.Reviewing;

public sealed record LearnedTermView(string Slug, string Term, float Weight, int Support, string Status, string? ReviewedBy, DateTimeOffset UpdatedAt);

public sealed record RejectTermRequest(string? Slug, string? Term);

/// <summary>
/// Staff review what use taught the index: <c>GET /api/staff/learned-terms</c> lists every term
/// (active and rejected, with its support), <c>POST /api/staff/learned-terms/rejections</c> takes one
/// out of the index and keeps it out of every later relearning.
/// </summary>
public static class ReviewLearnedTerms
{
    public static RouteGroupBuilder MapReviewLearnedTerms(this RouteGroupBuilder staff)
    {
        staff.MapGet("/learned-terms", List).WithName("ListLearnedTerms");
        staff.MapPost("/learned-terms/rejections", Reject).WithName("RejectLearnedTerm");
        return staff;
    }

    public static async Task<Ok<LearnedTermView[]>> List(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT slug, term, weight, support, status, reviewed_by, updated_at FROM knowledge.learned_terms ORDER BY slug, status, support DESC, term");
        var terms = new List<LearnedTermView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            terms.Add(new LearnedTermView(
                reader.GetString(0), reader.GetString(1), reader.GetFloat(2), reader.GetInt32(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return TypedResults.Ok(terms.ToArray());
    }

    public static async Task<Results<NoContent, ValidationProblem>> Reject(
        RejectTermRequest request, ClaimsPrincipal user, NpgsqlDataSource dataSource, ArticleIndex index, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Slug) || request.Slug.Length > 200)
        {
            errors.Add("slug", "The slug of an article.");
        }

        var term = request.Term is { Length: <= 100 } ? LearnedTerms.EvidenceTerms(request.Term) : [];
        if (term.Length != 1)
        {
            errors.Add("term", "One word, as the list of learned terms shows it.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = new NpgsqlCommand("""
            INSERT INTO knowledge.learned_terms (slug, term, weight, support, status, reviewed_by, updated_at)
            VALUES (@slug, @term, 0, 0, 'rejected', @editor, @now)
            ON CONFLICT (slug, term) DO UPDATE SET status = 'rejected', reviewed_by = @editor, updated_at = @now
            """, connection, transaction))
        {
            upsert.Parameters.AddWithValue("slug", request.Slug!.Trim());
            upsert.Parameters.AddWithValue("term", term[0]);
            upsert.Parameters.AddWithValue("editor", Staff.Editor(user));
            upsert.Parameters.AddWithValue("now", time.GetUtcNow());
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await ArticleStore.BumpVersionAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await index.RefreshAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
