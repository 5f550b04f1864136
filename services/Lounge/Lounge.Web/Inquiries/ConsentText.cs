using System.Text.RegularExpressions;
using SupportPlatform.Lounge.Apis;

namespace SupportPlatform.Lounge.Inquiries;

/// <summary>The consent table's cells, written from <c>GET /api/consent-policy</c>. Pure.</summary>
public static partial class ConsentText
{
    private static readonly Dictionary<string, string> ItemNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["email"] = "이메일 주소",
        ["companyName"] = "회사명",
        ["phone"] = "전화번호",
    };

    /// <summary>"(필수) 이메일 주소, 회사명 (선택) 전화번호", as the seed's table reads.</summary>
    public static string Items(IEnumerable<ConsentItem> items)
    {
        static string Name(ConsentItem item) => ItemNames.GetValueOrDefault(item.Name, item.Name);
        var list = items.ToList();
        var required = string.Join(", ", list.Where(i => i.Required).Select(Name));
        var optional = string.Join(", ", list.Where(i => !i.Required).Select(Name));
        return string.Join(' ', new[] { required.Length > 0 ? $"(필수) {required}" : "", optional.Length > 0 ? $"(선택) {optional}" : "" }
            .Where(part => part.Length > 0));
    }

    /// <summary>An ISO 8601 period of whole years or months ("P3Y") in Korean; anything else as given.</summary>
    public static string Retention(string period)
    {
        var match = Period().Match(period);
        if (!match.Success || !(match.Groups["y"].Success || match.Groups["m"].Success))
        {
            return period;
        }

        var years = match.Groups["y"].Success ? $"{match.Groups["y"].Value}년" : "";
        var months = match.Groups["m"].Success ? $"{match.Groups["m"].Value}개월" : "";
        return $"관련법령에 따라 {string.Join(' ', new[] { years, months }.Where(p => p.Length > 0))}간 보관 후 삭제";
    }

    [GeneratedRegex(@"^P(?:(?<y>\d+)Y)?(?:(?<m>\d+)M)?$")]
    private static partial Regex Period();
}
