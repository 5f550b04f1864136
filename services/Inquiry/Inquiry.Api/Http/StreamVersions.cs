using System.Globalization;

namespace SupportPlatform.Inquiry.Http;

/// <summary>ETag / If-Match carry the stream version, so two agents cannot silently overwrite each other.</summary>
public static class StreamVersions
{
    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetETag(this HttpResponse response, long version) => response.Headers.ETag = ETag(version);

    /// <summary>Reads <c>If-Match: "N"</c>. Null when the header is missing; false when it is not one version tag.</summary>
    public static bool? TryReadIfMatch(HttpRequest request, out long version)
    {
        version = 0;
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return null;
        }

        if (header.StartsWith("W/", StringComparison.Ordinal))
        {
            header = header[2..];
        }

        return header.Length > 2 && header[0] == '"' && header[^1] == '"'
            && long.TryParse(header.AsSpan(1, header.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}
