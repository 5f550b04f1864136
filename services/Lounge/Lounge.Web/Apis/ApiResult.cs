using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SupportPlatform.Lounge.Apis;

/// <summary>An RFC 9457 problem as the public APIs answer it, with its per-field <c>errors</c>.</summary>
public sealed record ApiProblem(int Status, string? Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    internal static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync<ProblemBody>(ApiJson.Options, cancellationToken);
            return new ApiProblem((int)response.StatusCode, body?.Title, body?.Detail, body?.Errors ?? new Dictionary<string, string[]>());
        }
        catch (JsonException)
        {
            return new ApiProblem((int)response.StatusCode, response.ReasonPhrase, null, new Dictionary<string, string[]>());
        }
        catch (NotSupportedException)
        {
            // Not JSON at all (e.g. a proxy's HTML page).
            return new ApiProblem((int)response.StatusCode, response.ReasonPhrase, null, new Dictionary<string, string[]>());
        }
    }

    private sealed record ProblemBody(string? Title, string? Detail, Dictionary<string, string[]>? Errors);
}

/// <summary>What a call to a public API gave: a value, or the problem it answered.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Succeeded => Problem is null;

    internal static async Task<ApiResult<T>> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            return new(default, await ApiProblem.ReadAsync(response, cancellationToken));
        }

        if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
        {
            return new(default, null);
        }

        return new(await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken), null);
    }
}

internal static class ApiJson
{
    /// <summary>The APIs speak camelCase JSON with enums as strings; the Lounge reads enums as plain strings.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
