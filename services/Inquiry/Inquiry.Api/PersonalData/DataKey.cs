using System.Security.Cryptography;
using System.Text;

namespace SupportPlatform.Inquiry.PersonalData;

/// <summary>
/// A 256-bit AES-GCM key. Each value gets a fresh random 12-byte nonce, and the id of what it
/// belongs to (the inquiry, or the attachment) is the associated data, so a ciphertext copied into
/// another inquiry's event does not decrypt there.
/// </summary>
public sealed class DataKey
{
    public const int Size = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] key;

    public DataKey(byte[] key)
    {
        if (key.Length != Size)
        {
            throw new ArgumentException($"A data key has {Size} bytes.", nameof(key));
        }

        this.key = key;
    }

    public static DataKey New() => new(RandomNumberGenerator.GetBytes(Size));

    public ReadOnlySpan<byte> Bytes => key;

    public byte[] Encrypt(Guid owner, ReadOnlySpan<byte> plain)
    {
        var output = new byte[NonceSize + TagSize + plain.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), AssociatedData(owner));
        return output;
    }

    /// <summary>Decrypts what <see cref="Encrypt"/> produced; throws <see cref="CryptographicException"/> on tampering or a wrong key or owner.</summary>
    public byte[] Decrypt(Guid owner, ReadOnlySpan<byte> sealedBytes)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The sealed value is too short.");
        }

        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes[..NonceSize], sealedBytes[(NonceSize + TagSize)..], sealedBytes.Slice(NonceSize, TagSize), plain, AssociatedData(owner));
        return plain;
    }

    public Sealed Seal(Guid owner, string plain) => new(Convert.ToBase64String(Encrypt(owner, Encoding.UTF8.GetBytes(plain))));

    public string Open(Guid owner, Sealed value) => Encoding.UTF8.GetString(Decrypt(owner, Convert.FromBase64String(value.Cipher)));

    /// <summary>Encrypts another key with this one (envelope encryption).</summary>
    public byte[] Wrap(Guid owner, DataKey other) => Encrypt(owner, other.Bytes);

    public DataKey Unwrap(Guid owner, ReadOnlySpan<byte> wrapped) => new(Decrypt(owner, wrapped));

    private static byte[] AssociatedData(Guid owner) => owner.ToByteArray();
}
