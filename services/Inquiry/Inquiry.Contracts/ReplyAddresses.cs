namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// The reply address of an inquiry's emails: <c>support+&lt;token&gt;@domain</c>, a sub-address of the
/// support mailbox. The token is the inquiry id and an 80-bit tag derived from the inquiry's data key
/// (Inquiry derives and checks the tag; anyone can read the id). Lower-case base32, since mail systems
/// may change the case of a local part; 42 characters, so <c>support+token</c> stays under the 64 a
/// local part may have.
/// </summary>
public static class ReplyAddresses
{
    public const int TagSize = 10;

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int TokenLength = 42; // (16 + TagSize) bytes × 8 / 5, rounded up

    /// <summary>The token for an inquiry id and its tag.</summary>
    public static string Token(Guid inquiryId, ReadOnlySpan<byte> tag)
    {
        if (tag.Length != TagSize)
        {
            throw new ArgumentException($"A reply tag has {TagSize} bytes.", nameof(tag));
        }

        Span<byte> bytes = stackalloc byte[16 + TagSize];
        inquiryId.TryWriteBytes(bytes, bigEndian: true, out _);
        tag.CopyTo(bytes[16..]);
        return Base32(bytes);
    }

    /// <summary>The address <paramref name="mailbox"/> (<c>support@example.com</c>) with the token as its sub-address.</summary>
    public static string For(string mailbox, string token)
    {
        var at = mailbox.LastIndexOf('@');
        return $"{mailbox[..at]}+{token}@{mailbox[(at + 1)..]}";
    }

    /// <summary>The token of an address that is a sub-address of <paramref name="mailbox"/>, else null.</summary>
    public static string? TokenOf(string address, string mailbox)
    {
        var at = mailbox.LastIndexOf('@');
        var addressAt = address.LastIndexOf('@');
        if (at <= 0 || addressAt <= 0
            || !address.AsSpan(addressAt + 1).Equals(mailbox.AsSpan(at + 1), StringComparison.OrdinalIgnoreCase)
            || !address.StartsWith(mailbox[..at] + "+", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = address[(at + 1)..addressAt].ToLowerInvariant();
        return TryRead(token, out _, out _) ? token : null;
    }

    /// <summary>Reads a token's inquiry id and tag; false for anything that is not a well-formed token.</summary>
    public static bool TryRead(string token, out Guid inquiryId, out byte[] tag)
    {
        inquiryId = Guid.Empty;
        tag = [];
        if (token.Length != TokenLength)
        {
            return false;
        }

        var bytes = new byte[16 + TagSize];
        int buffer = 0, bits = 0, written = 0;
        foreach (var c in token)
        {
            var value = Alphabet.IndexOf(char.ToLowerInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                return false;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                if (written < bytes.Length)
                {
                    bytes[written++] = (byte)(buffer >> bits);
                }

                buffer &= (1 << bits) - 1;
            }
        }

        if (written != bytes.Length || buffer != 0)
        {
            return false; // padding bits must be zero, so each id and tag has exactly one token
        }

        inquiryId = new Guid(bytes.AsSpan(0, 16), bigEndian: true);
        tag = bytes[16..];
        return true;
    }

    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        var text = new System.Text.StringBuilder(TokenLength);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text.Append(Alphabet[(buffer >> bits) & 31]);
            }

            buffer &= (1 << bits) - 1;
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }
}
