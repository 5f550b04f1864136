using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportPlatform.ServiceDefaults.Http;

/// <summary>
/// Text the platform can store and process: no NUL (a PostgreSQL <c>text</c> value cannot hold it,
/// error 22021), no unpaired UTF-16 surrogate (it has no UTF-8 form, so Npgsql cannot send it) and
/// no Unicode noncharacter (U+FFFE, U+FFFF, U+FDD0–U+FDEF and their kin in every plane: reserved for
/// internal use, and Unicode normalisation refuses them). The API edge refuses such text with a
/// field error; consumers, which must never park a message for it, strip it.
/// </summary>
public static class StorableText
{
    public const string Refusal = "Contains a character that cannot be stored (NUL, an unpaired UTF-16 surrogate or a Unicode noncharacter).";

    public static bool IsStorable(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text[i..], out var rune, out var length) != System.Buffers.OperationStatus.Done || IsRefused(rune))
            {
                return false;
            }

            i += length;
        }

        return true;
    }

    /// <summary>The text without NUL and noncharacters, with unpaired surrogates replaced by U+FFFD (as a UTF-8 decoder would); null stays null.</summary>
    public static string? Strip(string? text)
    {
        if (text is null || IsStorable(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            // An invalid sequence decodes as U+FFFD with the length to skip.
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length);
            if (!IsRefused(rune))
            {
                builder.Append(rune.ToString());
            }

            i += length;
        }

        return builder.ToString();
    }

    private static bool IsRefused(Rune rune) =>
        rune.Value == 0 || (rune.Value & 0xFFFE) == 0xFFFE || rune.Value is >= 0xFDD0 and <= 0xFDEF;
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
