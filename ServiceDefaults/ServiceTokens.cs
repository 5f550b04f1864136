using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace SupportPlatform.ServiceDefaults;

/// <summary>
/// How one service calls another's <c>/internal</c> API: a bearer token with the role
/// <see cref="StaffRoles.Service"/>, signed with the platform key every service already validates
/// staff tokens with, valid for five minutes and reused until shortly before it expires.
/// </summary>
public sealed class ServiceTokens(IConfiguration configuration, IHostEnvironment environment)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly Lock gate = new();
    private readonly SymmetricSecurityKey key = StaffAuthentication.SigningKey(configuration);
    private (string Token, DateTimeOffset RenewAt)? current;

    public string Current()
    {
        // Wall-clock time, not the injected TimeProvider: another process checks the token by its own clock.
        var now = DateTimeOffset.UtcNow;
        lock (gate)
        {
            if (current is not { } token || token.RenewAt <= now)
            {
                current = token = (
                    StaffAuthentication.IssueToken(key, Guid.Empty, environment.ApplicationName, $"{environment.ApplicationName}@services.invalid", [StaffRoles.Service], now, Lifetime),
                    now + Lifetime / 2);
            }

            return token.Token;
        }
    }
}

/// <summary>Puts the service token on every request of the HttpClient it is added to.</summary>
public sealed class ServiceTokenHandler(ServiceTokens tokens) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Current());
        return base.SendAsync(request, cancellationToken);
    }
}

public static class ServiceTokenRegistration
{
    /// <summary>
    /// Makes this HttpClient call as the service itself (<see cref="ServiceTokens"/>), from a message
    /// consumer: one attempt of at most 10 seconds and no in-memory retry, because the caller already
    /// retries durably (a pending delivery, a redelivered message) and must not hold a message for
    /// the standard handler's retries or run them on a test's fake clock.
    /// </summary>
    public static IHttpClientBuilder AsService(this IHttpClientBuilder client)
    {
        client.Services.TryAddSingleton<ServiceTokens>();
        client.Services.TryAddTransient<ServiceTokenHandler>();
#pragma warning disable EXTEXP0001 // Experimental since .NET 9; the supported way to opt one client out of ConfigureHttpClientDefaults' handler.
        client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        client.ConfigureHttpClient(http => http.Timeout = TimeSpan.FromSeconds(10));
        return client.AddHttpMessageHandler<ServiceTokenHandler>();
    }
}
