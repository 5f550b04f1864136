namespace SupportPlatform.Testing;

/// <summary>
/// The stored-XSS payload classes the black-box test found live on the desk (issue 20, finding 1),
/// plus the spellings a browser reads the same way, and the check a browser runs over a page for them.
/// </summary>
public static class UnsafeMarkdown
{
    public static readonly IReadOnlyList<string> Payloads =
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x]( javascript:alert(1) )",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;&#x61;vascript&colon;alert(1))",
        "[x](javascript&#58;alert(1))",
        "[x](<java&#9;script:alert(1)>)",
        "[x](<java&#10;script:alert(1)>)",
        "[x](&#1;javascript:alert(1))",
        "<javascript:alert(1)>",
        "<JAVASCRIPT:alert(1)>",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<data:text/html,alert(1)>",
        "[x](vbscript:msgbox(1))",
        "<vbscript:msgbox(1)>",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<img src=\"javascript:alert(1)\">",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<script>alert(1)</script>",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "![x][r]\n\n[r]: vbscript:msgbox(1)",
        "[x](javascript:alert(1) \"title\")",
        "| a |\n|---|\n| [x](javascript:alert(1)) |",
        "**[x](javascript:alert(1))**",
    ];

    /// <summary>Every payload in one Markdown text, after <paramref name="marker"/> (so a test can see the text arrived).</summary>
    public static string Text(string marker) => marker + "\n\n" + string.Join("\n\n", Payloads);

    /// <summary>
    /// For Playwright's <c>EvaluateAsync&lt;string[]&gt;</c>: each element with a URL attribute that
    /// the browser itself resolves to a script-capable scheme, as "&lt;tag attribute=value&gt;".
    /// </summary>
    public const string FindScriptCapableUrls = """
        () => [...document.querySelectorAll('*')].flatMap(element =>
            ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster']
                .filter(name => element.hasAttribute(name))
                .map(name => {
                    const value = element.getAttribute(name);
                    let protocol = '';
                    try { protocol = new URL(value, document.baseURI).protocol; } catch { }
                    return ['javascript:', 'vbscript:', 'data:'].includes(protocol) ? `<${element.tagName.toLowerCase()} ${name}="${value}">` : null;
                })
                .filter(found => found !== null))
        """;
}
