using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportPlatform.Inquiry.PersonalData;

/// <summary>
/// A piece of personal data encrypted with its inquiry's data key (base64 of nonce, tag and
/// ciphertext). A distinct type so that no plain value lands in an event by accident.
/// </summary>
[JsonConverter(typeof(SealedJsonConverter))]
public readonly record struct Sealed(string Cipher)
{
    public override string ToString() => "[sealed]";
}

internal sealed class SealedJsonConverter : JsonConverter<Sealed>
{
    public override Sealed Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("A sealed value cannot be null."));

    public override void Write(Utf8JsonWriter writer, Sealed value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Cipher);
}
