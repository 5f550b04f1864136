using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SupportPlatform.Agent.Tokens;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Agent.Backends;

/// <summary>A service's answer: the value (and its ETag), or the problem it reported.</summary>
public sealed record BackendResult<T>(T? Value, HttpStatusCode Status, string? ETag, BackendProblem? Problem)
{
    public bool Succeeded => Problem is null;
}

/// <summary>A problem details answer, with the field errors and the current version of a 412.</summary>
public sealed record BackendProblem(HttpStatusCode Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors, long? CurrentVersion)
{
    public string Message => Errors.Count > 0
        ? string.Join(" ", Errors.SelectMany(e => e.Value))
        : Detail ?? Title;
}

/// <summary>
/// Calls one of the platform's services as the signed-in member: every request carries a staff JWT
/// minted for that member (<see cref="MemberTokenHandler"/>), so the service authorises by the
/// member's own roles.
/// </summary>
public abstract class BackendClient(HttpClient http)
{
    protected static readonly JsonSerializerOptions Json = CreateJson();

    protected HttpClient Http { get; } = http;

    /// <summary>
    /// Sends and reads the answer. A service that cannot be reached (refused, reset, timed out)
    /// becomes a 503 problem, so a page shows what it can instead of failing as a whole.
    /// </summary>
    protected async Task<BackendResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await ExchangeAsync<T>(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new BackendResult<T>(default, HttpStatusCode.ServiceUnavailable, null, new BackendProblem(
                HttpStatusCode.ServiceUnavailable,
                $"{Http.BaseAddress?.Authority} 서비스에 연결할 수 없습니다. (Service unavailable.)",
                null,
                new Dictionary<string, string[]>(),
                null));
        }
    }

    private async Task<BackendResult<T>> ExchangeAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await Http.SendAsync(request, cancellationToken);
        var etag = response.Headers.ETag?.Tag;
        if (response.IsSuccessStatusCode)
        {
            var value = response.StatusCode == HttpStatusCode.NoContent ? default : await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
            return new BackendResult<T>(value, response.StatusCode, etag, null);
        }

        return new BackendResult<T>(default, response.StatusCode, etag, await ReadProblemAsync(response, cancellationToken));
    }

    protected Task<BackendResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    protected Task<BackendResult<T>> PostAsync<T>(string path, object? body, string? ifMatch, CancellationToken cancellationToken, HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Post, path)
        {
            Content = body is null ? null : JsonContent.Create(body, options: Json),
        };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue(ifMatch));
        }

        return SendAsync<T>(request, cancellationToken);
    }

    private static async Task<BackendProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        string? title = null, detail = null;
        long? currentVersion = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                title = problem.TryGetProperty("title", out var t) ? t.GetString() : null;
                detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
                if (problem.TryGetProperty("currentVersion", out var v) && v.TryGetInt64(out var version))
                {
                    currentVersion = version;
                }

                if (problem.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in e.EnumerateObject())
                    {
                        errors[field.Name] = [.. field.Value.EnumerateArray().Select(m => m.GetString() ?? "")];
                    }
                }
            }
            catch (JsonException)
            {
                // Not a problem document after all: the status says enough.
            }
        }

        return new BackendProblem(response.StatusCode, title ?? response.ReasonPhrase ?? response.StatusCode.ToString(), detail, errors, currentVersion);
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ServiceDefaultsExtensions.ConfigureJson(options);
        return options;
    }
}

/// <summary>Puts a freshly minted token of the signed-in member on every outgoing request.</summary>
public sealed class MemberTokenHandler(IHttpContextAccessor accessor, MemberTokens tokens, IOptions<IdentityOptions> identity) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Issue(user, identity.Value).AccessToken);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
