using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace SupportPlatform.Inquiry.PersonalData;

/// <summary>
/// The lookup keys (<see cref="KeyRing{TKey}"/>): the current one makes every new keyed hash (an
/// email's, a search term's) and every new key derived for another purpose; the accepted ones still
/// find and verify what was made before, until the re-hash has recomputed it under the current key
/// (<see cref="Keys.Rotating.LookupKeyRehash"/>). A stored hash names its key: <c>{id}:{hex}</c>, or
/// the bare hex for the key <see cref="KeyIds.Initial"/>, which is how every hash made before key ids
/// looks. So lookups during a rotation try every configured key and match by the stored text alone.
/// </summary>
public sealed class LookupKeys(KeyRing<byte[]> ring)
{
    public string CurrentId => ring.CurrentId;

    /// <summary>Every configured id, current first.</summary>
    public IReadOnlyList<string> Ids => ring.Ids;

    public bool Knows(string id) => ring.Knows(id);

    /// <summary>The id of the key that made a stored hash (or search token).</summary>
    public static string KeyIdOf(string storedHash) =>
        storedHash.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? storedHash[..colon] : KeyIds.Initial;

    /// <summary>The keyed hash of the normalised address under the current key, as it is stored.</summary>
    public string EmailHash(string email) => EmailHash(CurrentId, email);

    /// <summary>The address's hash under every configured key: what a lookup during a rotation looks for.</summary>
    public string[] EmailHashes(string email) => [.. Ids.Select(id => EmailHash(id, email))];

    /// <summary>Whether a stored hash is this address's, under the key the hash names; constant-time in the hash.</summary>
    public bool Matches(string email, string storedHash) =>
        Knows(KeyIdOf(storedHash))
        && EmailHash(KeyIdOf(storedHash), email) is var expected
        && expected.Length == storedHash.Length
        && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected.AsSpan()), MemoryMarshal.AsBytes(storedHash.AsSpan()));

    /// <summary>
    /// Keyed hashes of the search terms of <paramref name="texts"/> (<see cref="Inquiries.Queueing.SearchTerms"/>)
    /// under the current key, 64 bits each in hex: enough to tell terms apart in one queue, and no plain word is stored.
    /// </summary>
    public string[] SearchTokens(params string?[] texts) => SearchTokens(CurrentId, texts);

    /// <summary>The tokens of a query under each configured key, current first: a match of any one set is a match.</summary>
    public IReadOnlyList<string[]> SearchTokenSets(string query) => [.. Ids.Select(id => SearchTokens(id, query))];

    /// <summary>
    /// The keyed hashes of the message texts' search terms under the current key
    /// (<see cref="Inquiries.SearchingMessages.MessageSearchIndex"/>): the same 64 bits a search token
    /// holds, as a number, which the index stores beside the key's id.
    /// </summary>
    public long[] MessageTermHashes(IEnumerable<string?> texts)
    {
        var searchKey = SearchKey(CurrentId);
        return [.. texts.SelectMany(text => Inquiries.Queueing.SearchTerms.Of(text, MaxMessageTermsPerText)).Distinct(StringComparer.Ordinal)
            .Select(term => TermHash(searchKey, term)).Distinct()];
    }

    /// <summary>
    /// A query's terms hashed under each configured key, current first: per key its id and one hash
    /// per term.
    /// </summary>
    public IReadOnlyList<(string KeyId, long[] Hashes)> QueryTermHashes(IReadOnlyList<string> terms) =>
        [.. Ids.Select(id =>
        {
            var searchKey = SearchKey(id);
            return (id, terms.Select(term => TermHash(searchKey, term)).ToArray());
        })];

    /// <summary>How many distinct terms of one message are indexed: a long mail body is cut there.</summary>
    public const int MaxMessageTermsPerText = 2_000;

    /// <summary>A key for one other purpose, derived from the current lookup key (HMAC as a KDF).</summary>
    public byte[] DeriveKey(string purpose) => Derive(ring.Current, purpose);

    /// <summary>The purpose's key from every configured lookup key, current first: what verifies tokens made before a switch.</summary>
    public IReadOnlyList<byte[]> DeriveKeys(string purpose) => [.. Ids.Select(id => Derive(ring.Find(id)!, purpose))];

    private string EmailHash(string keyId, string email) =>
        Stored(keyId, Convert.ToHexStringLower(HMACSHA256.HashData(ring.Find(keyId)!, Encoding.UTF8.GetBytes(EmailAddresses.Normalize(email)))));

    private string[] SearchTokens(string keyId, params string?[] texts)
    {
        var searchKey = SearchKey(keyId);
        return [.. texts.SelectMany(text => Inquiries.Queueing.SearchTerms.Of(text)).Distinct(StringComparer.Ordinal)
            .Select(term => Stored(keyId, Convert.ToHexStringLower(TermMac(searchKey, term).AsSpan(0, 8))))];
    }

    // A key of its own for search terms, so a term's hash can never equal an address's.
    private byte[] SearchKey(string keyId) => Derive(ring.Find(keyId)!, "search-terms");

    // The first 64 bits of the MAC: as hex in a search token, as a number in the message search index.
    private static byte[] TermMac(byte[] searchKey, string term) => HMACSHA256.HashData(searchKey, Encoding.UTF8.GetBytes(term));

    private static long TermHash(byte[] searchKey, string term) =>
        System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(TermMac(searchKey, term));

    private static string Stored(string keyId, string hex) => keyId == KeyIds.Initial ? hex : $"{keyId}:{hex}";

    private static byte[] Derive(byte[] lookupKey, string purpose) => HMACSHA256.HashData(lookupKey, Encoding.UTF8.GetBytes(purpose));
}
