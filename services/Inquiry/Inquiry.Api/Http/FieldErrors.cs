using System.Text;

namespace SupportPlatform.Inquiry.Http;

/// <summary>Collects per-field messages for a <c>ValidationProblem</c>.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Checks a text field and returns it trimmed and NFC-normalised (null when absent).</summary>
    public string? Text(string field, string? value, int maxLength, bool required)
    {
        var text = TextValues.Normalize(value);
        if (text is null)
        {
            if (required)
            {
                Add(field, "This field is required.");
            }
        }
        else if (text.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
        }

        return text;
    }

    public IDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}

public static class TextValues
{
    /// <summary>Trimmed, in Unicode NFC (so 한글 typed on different systems compares and counts the same); null when blank.</summary>
    public static string? Normalize(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().Normalize(NormalizationForm.FormC);
}
