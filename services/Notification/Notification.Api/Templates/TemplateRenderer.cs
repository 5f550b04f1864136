using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace SupportPlatform.Notification.Templates;

/// <summary>Markup that is already safe HTML, with the plain text to use where HTML is not wanted.</summary>
public sealed record HtmlFragment(string Html, string Text);

/// <summary>
/// Fills <c>{{Name}}</c> placeholders from the public properties of a model record. In HTML
/// templates every value is HTML-encoded except an <see cref="HtmlFragment"/>; values are NFC
/// normalised, so Hangul typed on a decomposing keyboard renders as syllables. A placeholder the
/// model lacks throws: a template typo should fail loudly, not send "{{Sumary}}" to a customer.
/// </summary>
public static partial class TemplateRenderer
{
    public static string Render(string template, object model, TemplateFormat format)
    {
        var values = model.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(p => p.Name, p => p.GetValue(model), StringComparer.Ordinal);

        var rendered = Placeholder().Replace(template, match =>
        {
            var name = match.Groups["name"].Value;
            if (!values.TryGetValue(name, out var value))
            {
                throw new InvalidOperationException($"The template uses {{{{{name}}}}}, which {model.GetType().Name} does not have.");
            }

            return Format(value, format);
        });
        return format == TemplateFormat.Subject ? OneLine(rendered) : rendered;
    }

    private static string Format(object? value, TemplateFormat format)
    {
        if (value is HtmlFragment fragment)
        {
            return format == TemplateFormat.Html ? fragment.Html : fragment.Text.Normalize(NormalizationForm.FormC);
        }

        var text = (Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty).Normalize(NormalizationForm.FormC);
        return format == TemplateFormat.Html ? WebUtility.HtmlEncode(text) : text;
    }

    /// <summary>A subject is one header line: line breaks in a value must not start new headers.</summary>
    private static string OneLine(string subject) => Whitespace().Replace(subject, " ").Trim();

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z][A-Za-z0-9]*)\s*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

public enum TemplateFormat
{
    Subject,
    Html,
    Text,
}
