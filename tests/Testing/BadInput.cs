using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace SupportPlatform.Testing;

/// <summary>
/// Requests a careless client or an attacker sends — malformed or mistyped JSON, text PostgreSQL
/// cannot store, wrong Content-Type, broken multipart — and the one answer every service owes them:
/// a 4xx problem detail naming the field, never a 500.
/// </summary>
public static class BadInput
{
    /// <summary>A JSON body sent verbatim (so it may be malformed or carry escapes such as <c>\u0000</c>).</summary>
    public static StringContent Json(string raw) => new(raw, Encoding.UTF8, "application/json");

    /// <summary>A JSON body whose Content-Type names <paramref name="charset"/>, e.g. one no decoder knows.</summary>
    public static StringContent JsonWithCharset(string raw, string charset)
    {
        var content = new StringContent(raw, Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");
        return content;
    }

    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string path, HttpContent? content, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    /// <summary>A multipart body whose declared boundary does not match its parts.</summary>
    public static ByteArrayContent MultipartWithWrongBoundary()
    {
        var content = new ByteArrayContent("--other\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello\r\n--other--\r\n"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=declared");
        return content;
    }

    /// <summary>A multipart/form-data Content-Type without any boundary.</summary>
    public static ByteArrayContent MultipartWithoutBoundary()
    {
        var content = new ByteArrayContent("garbage"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");
        return content;
    }

    /// <summary>A well-formed part whose file name carries CR/LF (header injection into a later download).</summary>
    public static ByteArrayContent MultipartWithLineBreakInFileName()
    {
        var content = new ByteArrayContent("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\rX-Injected: 1.txt\"\r\nContent-Type: text/plain\r\n\r\nhello log line\r\n--b--\r\n"u8.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        return content;
    }

    /// <summary>Asserts a 4xx problem-details answer; with <paramref name="field"/>, that its errors name that field.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(
                problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _),
                $"expected a field error for '{field}', got {problem}");
        }

        return problem;
    }

    /// <summary>The headers every response of every service carries (ServiceDefaults' SecurityHeaders).</summary>
    public static void AssertSecurityHeaders(this HttpResponseMessage response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"), "no Server header");
    }
}
