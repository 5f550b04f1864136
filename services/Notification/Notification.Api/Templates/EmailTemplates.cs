using System.Collections.Frozen;
using System.Text;
using SupportPlatform.Notification.Deliveries;

namespace SupportPlatform.Notification.Templates;

/// <summary>
/// The email templates embedded in this assembly: <c>Templates/{language}/{name}.subject.txt</c>,
/// <c>{name}.html</c> and <c>{name}.txt</c>, for "ko" and "en".
/// </summary>
public sealed class EmailTemplates
{
    public const string Korean = "ko";
    public const string English = "en";

    private readonly FrozenDictionary<string, string> files;

    public EmailTemplates()
    {
        var assembly = typeof(EmailTemplates).Assembly;
        files = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("Templates", StringComparison.Ordinal))
            .ToFrozenDictionary(
                name => name.Replace('\\', '/'),
                name =>
                {
                    using var stream = assembly.GetManifestResourceStream(name)!;
                    using var reader = new StreamReader(stream, Encoding.UTF8);
                    return reader.ReadToEnd();
                },
                StringComparer.Ordinal);
    }

    /// <summary>"ko" or "en" from a language tag; anything else gets Korean, the Lounge's first language.</summary>
    public static string LanguageOf(string? tag) =>
        tag?.Split('-', '_')[0].Trim().ToLowerInvariant() == English ? English : Korean;

    public RenderedEmail Render(string name, string language, object model) => new(
        TemplateRenderer.Render(File(language, name + ".subject.txt"), model, TemplateFormat.Subject),
        TemplateRenderer.Render(File(language, name + ".html"), model, TemplateFormat.Html),
        TemplateRenderer.Render(File(language, name + ".txt"), model, TemplateFormat.Text));

    private string File(string language, string file) =>
        files.TryGetValue($"Templates/{LanguageOf(language)}/{file}", out var text)
            ? text
            : throw new InvalidOperationException($"The template Templates/{language}/{file} is missing.");
}
