using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SupportPlatform.Knowledge.Contracts;

namespace SupportPlatform.Knowledge.Inquiries.Suggesting;

/// <summary><c>GET /api/staff/inquiries/{inquiryId}/suggestions</c>: the articles kept for an inquiry, best first (empty until the event arrives).</summary>
public static class GetSuggestions
{
    public static RouteGroupBuilder MapGetSuggestions(this RouteGroupBuilder staff)
    {
        staff.MapGet("/inquiries/{inquiryId:guid}/suggestions", Handle).WithName("GetSuggestions");
        return staff;
    }

    public static async Task<Ok<SuggestionView[]>> Handle(Guid inquiryId, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT rank, slug, title, score, coverage FROM knowledge.inquiry_suggestions WHERE inquiry_id = @id ORDER BY rank");
        command.Parameters.AddWithValue("id", inquiryId);
        var suggestions = new List<SuggestionView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            suggestions.Add(new SuggestionView(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetDouble(3), reader.GetDouble(4)));
        }

        return TypedResults.Ok(suggestions.ToArray());
    }
}
