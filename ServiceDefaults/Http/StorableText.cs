using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportPlatform.ServiceDefaults.Http;

/// <summary>
/// Text PostgreSQL can store: no NUL (a <c>text</c> value cannot hold it, error 22021) and no
/// unpaired UTF-16 surrogate (it has no UTF-8 form, so Npgsql cannot send it). The API edge refuses
/// such text with a field error; consumers, which must never park a message for it, strip it.
/// </summary>
public static class StorableText
{
    public const string Refusal = "Contains a character that cannot be stored (NUL or an unpaired UTF-16 surrogate).";

    public static bool IsStorable(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return false;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The text without NUL, with unpaired surrogates replaced by U+FFFD (as a UTF-8 decoder would); null stays null.</summary>
    public static string? Strip(string? text)
    {
        if (text is null || IsStorable(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else
            {
                builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return builder.ToString();
    }
}

/// <summary>
/// Reads every JSON string of a request body through <see cref="StorableText"/>, so one rule
/// covers every field of every endpoint; a refusal surfaces as a field error at the JSON path.
/// </summary>
public sealed class StorableStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException();
        }

        string value;
        try
        {
            value = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped unpaired surrogate ("\ud800") cannot become a .NET string the reader accepts.
            throw new UnstorableTextException();
        }

        return StorableText.IsStorable(value) ? value : throw new UnstorableTextException();
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>A JSON string the database could not store; the problem-details handler names its field.</summary>
public sealed class UnstorableTextException() : JsonException(StorableText.Refusal);
