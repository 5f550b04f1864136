using System.Text.Json;

namespace SupportPlatform.Lounge.Apis;

internal static class ApiJson
{
    /// <summary>The APIs speak camelCase JSON with enums as strings; the Lounge reads enums as plain strings.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
