using System.Net;
using System.Net.Http.Json;

namespace SupportPlatform.Agent.Contracts;

/// <summary>
/// The desk's internal API, for the platform's own services (a service token, role <c>service</c>):
/// what another service needs of a staff account, read at the moment it is used, since events carry
/// staff ids only. Answers null for a member who is unknown or disabled (nobody to write to); other
/// failures throw <see cref="HttpRequestException"/>.
/// </summary>
public sealed class InternalStaffApi(HttpClient http)
{
    /// <summary>Where to email a member of staff; <c>GET /internal/staff/{id}</c>.</summary>
    public async Task<StaffAddress?> GetAddressAsync(Guid staffId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"internal/staff/{staffId}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<StaffAddress>(cancellationToken)
            ?? throw new HttpRequestException($"The desk answered {response.RequestMessage?.RequestUri} with an empty body.");
    }
}

/// <summary>An active member's email address (the desk account's), for the emails sent to them.</summary>
public sealed record StaffAddress(Guid StaffId, string Email);
