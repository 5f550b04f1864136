using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SupportPlatform.Agent.Tokens;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.ServiceDefaults.Clients;

namespace SupportPlatform.Agent.Backends;

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
    protected async Task<ServiceResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.SendAsync(request, cancellationToken);
            return await ServiceResult<T>.ReadAsync(response, Json, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return ServiceResult<T>.Unreachable(Http.BaseAddress);
        }
    }

    protected Task<ServiceResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    protected Task<ServiceResult<T>> PostAsync<T>(string path, object? body, string? ifMatch, CancellationToken cancellationToken, HttpMethod? method = null)
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

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ServiceDefaultsExtensions.ConfigureJson(options);
        return options;
    }
}

/// <summary>Puts a freshly minted token of the signed-in member, marked as the desk's own call, on every outgoing request.</summary>
public sealed class MemberTokenHandler(IHttpContextAccessor accessor, MemberTokens tokens, IOptions<IdentityOptions> identity) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.IssueForDesk(user, identity.Value).AccessToken);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
