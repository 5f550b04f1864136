using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace SupportPlatform.Agent.Http;

/// <summary>
/// Charts drawn on the server as SVG, so they need no script and print as they show. Each is an
/// image with its title as its accessible name; the table beside it carries the same numbers.
/// </summary>
public static class BarCharts
{
    /// <summary>One horizontal bar chart: labels, bars scaled to the largest value, and the number at the end.</summary>
    public static IHtmlContent Horizontal(string title, IReadOnlyList<(string Label, long Value)> bars, string color)
    {
        const int rowHeight = 26, labelWidth = 170, barWidth = 360;
        var max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        var height = Math.Max(1, bars.Count) * rowHeight + 8;
        var svg = new StringBuilder();
        var encoder = HtmlEncoder.Default;
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" role=\"img\" aria-label=\"{encoder.Encode(title)}\" viewBox=\"0 0 {labelWidth + barWidth + 60} {height}\" width=\"100%\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = i * rowHeight + 4;
            var width = value == 0 ? 0 : Math.Max(2, (int)(barWidth * value / (double)max));
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"0\" y=\"{y + 16}\">{encoder.Encode(label)}</text>" +
                $"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{width}\" height=\"18\" fill=\"{color}\"></rect>" +
                $"<text x=\"{labelWidth + width + 6}\" y=\"{y + 16}\">{value}</text>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
