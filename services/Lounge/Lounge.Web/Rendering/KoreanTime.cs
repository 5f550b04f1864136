using System.Globalization;

namespace SupportPlatform.Lounge.Rendering;

public static class KoreanTime
{
    // Korea has no daylight saving time: a fixed offset is exact.
    private static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    public static string Format(DateTimeOffset at) =>
        at.ToOffset(Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (KST)";

    public static string IsoUtc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
