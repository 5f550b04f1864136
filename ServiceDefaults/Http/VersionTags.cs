using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SupportPlatform.ServiceDefaults.Http;

/// <summary>
/// ETag and If-Match carrying a version number (a Marten stream version, a row's revision), so two
/// people editing the same thing cannot silently overwrite each other. The one reader of If-Match
/// for every service: one strong or weak entity tag whose value is the number, <c>"3"</c> or
/// <c>W/"3"</c>; anything else (a list, <c>*</c>, an unquoted or non-numeric value) is invalid.
/// </summary>
public static class VersionTags
{
    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetVersionTag(this HttpResponse response, long version) => response.Headers.ETag = ETag(version);

    /// <summary>Reads the request's If-Match: null when it is missing; false when it is not one version tag.</summary>
    public static bool? TryReadIfMatch(this HttpRequest request, out long version) =>
        TryParseIfMatch(request.Headers.IfMatch.ToString(), out version);

    /// <summary>Reads an If-Match value: null when it is missing or blank; false when it is not one version tag.</summary>
    public static bool? TryParseIfMatch(string? header, out long version)
    {
        version = 0;
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        return EntityTagHeaderValue.TryParse(header.Trim(), out var tag)
            && tag.Tag is { Length: > 2 } quoted
            && long.TryParse(quoted.Subsegment(1, quoted.Length - 2).AsSpan(), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}
