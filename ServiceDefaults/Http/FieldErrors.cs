using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace SupportPlatform.ServiceDefaults.Http;

/// <summary>
/// The one way every service validates a request: collect per-field messages, then answer them as
/// 400 validation problem details (<c>errors: { field: [messages] }</c>). A small helper rather than
/// FluentValidation: the rules are a few lines per endpoint, often need the database or the search
/// index, and read best inline beside the endpoint they guard.
/// </summary>
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

    public ValidationProblem ToProblem() => TypedResults.ValidationProblem(ToDictionary());

    /// <summary>A validation problem with one field's message.</summary>
    public static ValidationProblem Problem(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors.ToProblem();
    }
}

public static class TextValues
{
    /// <summary>Trimmed, in Unicode NFC (so 한글 typed on different systems compares and counts the same); null when blank.</summary>
    public static string? Normalize(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().Normalize(NormalizationForm.FormC);
}
