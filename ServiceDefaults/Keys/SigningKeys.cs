using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace SupportPlatform.ServiceDefaults.Keys;

/// <summary>
/// The keys of staff and service tokens. <c>Auth:SigningKey</c> signs (its id, <c>Auth:SigningKeyId</c>,
/// goes into every token's <c>kid</c>; <see cref="InitialId"/> when unset), and
/// <c>Auth:AcceptedSigningKeys:&lt;id&gt;</c> are the others a rollover accepts: first the next key,
/// before any service signs with it, then the previous one until its last token has expired
/// (docs/operations.md). A token is checked with the key its <c>kid</c> names and no other.
/// </summary>
public sealed class SigningKeys
{
    /// <summary>The id of the key configured before key ids existed; tokens without <c>kid</c> were signed with it.</summary>
    public const string InitialId = "initial";

    private SigningKeys(SymmetricSecurityKey current, IReadOnlyList<SymmetricSecurityKey> all)
    {
        Current = current;
        All = all;
    }

    /// <summary>The key new tokens are signed with; its <c>KeyId</c> is the token's <c>kid</c>.</summary>
    public SymmetricSecurityKey Current { get; }

    /// <summary>Every key a token may be signed with, the current one first.</summary>
    public IReadOnlyList<SymmetricSecurityKey> All { get; }

    public static SigningKeys FromConfiguration(IConfiguration configuration)
    {
        var currentId = configuration["Auth:SigningKeyId"] is { Length: > 0 } id ? id : InitialId;
        var current = Read(configuration, "Auth:SigningKey", currentId);
        var all = new List<SymmetricSecurityKey> { current };
        foreach (var accepted in configuration.GetSection("Auth:AcceptedSigningKeys").GetChildren())
        {
            if (all.Any(k => k.KeyId == accepted.Key))
            {
                throw new InvalidOperationException($"Auth:AcceptedSigningKeys:{accepted.Key} has the id of the current signing key (Auth:SigningKeyId).");
            }

            all.Add(Read(configuration, accepted.Path, accepted.Key));
        }

        return new SigningKeys(current, all);
    }

    /// <summary>
    /// The keys a token may have been signed with: the one its <c>kid</c> names, or — for a token
    /// without one, issued before key ids — the key of id <see cref="InitialId"/>, if still configured.
    /// </summary>
    public IEnumerable<SecurityKey> Resolve(string? kid) =>
        All.Where(k => k.KeyId == (string.IsNullOrEmpty(kid) ? InitialId : kid));

    /// <summary>The key of an id, current or accepted; null when not configured.</summary>
    public SymmetricSecurityKey? Find(string id) => All.FirstOrDefault(k => k.KeyId == id);

    private static SymmetricSecurityKey Read(IConfiguration configuration, string path, string id)
    {
        if (!IsValidId(id))
        {
            throw new InvalidOperationException($"{path}: a signing key id has 1 to 32 characters of a-z, 0-9, '-' and '_'.");
        }

        var value = configuration[path];
        if (string.IsNullOrEmpty(value) || Encoding.UTF8.GetByteCount(value) < 32)
        {
            throw new InvalidOperationException($"{path} must be set to at least 32 bytes ({path.Replace(":", "__", StringComparison.Ordinal)}).");
        }

        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(value)) { KeyId = id };
    }

    private static bool IsValidId(string id) =>
        id is { Length: > 0 and <= 32 } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}
