using System.Net.Http.Json;
using System.Text.Json;

namespace SupportPlatform.Fuzzing;

/// <summary>
/// Real things for the generated requests to point at (an inquiry with its private-link token, an
/// article slug), so that requests reach the handlers' deeper code rather than stopping at 404.
/// </summary>
public sealed record Seed(Guid InquiryId, string AccessToken, string Slug)
{
    public static async Task<Seed> CreateAsync(HttpClient http, IReadOnlyList<(string Name, Uri BaseUrl)> services)
    {
        Guid inquiryId = Guid.NewGuid();
        var accessToken = "no-inquiry-service";
        var slug = "tmse-bulk-mail-settings";
        foreach (var (name, baseUrl) in services)
        {
            if (name == "inquiry")
            {
                using var response = await http.PostAsJsonAsync(new Uri(baseUrl, "/api/inquiries"), new
                {
                    email = "fuzz.seed@example.com",
                    companyName = "퍼즈 주식회사",
                    summary = "퍼즈 시드 문의",
                    details = "seed",
                    consent = new { accepted = true, policyVersion = "2024-01" },
                });
                response.EnsureSuccessStatusCode();
                var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
                inquiryId = receipt.GetProperty("inquiryId").GetGuid();
                accessToken = receipt.GetProperty("accessToken").GetString()!;
            }
            else if (name == "knowledge")
            {
                var page = await http.GetFromJsonAsync<JsonElement>(new Uri(baseUrl, "/api/articles"));
                if (page.GetProperty("items").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first)
                {
                    slug = first.GetProperty("slug").GetString()!;
                }
            }
        }

        return new Seed(inquiryId, accessToken, slug);
    }
}
