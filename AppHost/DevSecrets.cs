using System.Security.Cryptography;
using System.Text.Json;

namespace SupportPlatform.AppHost;

/// <summary>
/// Development-only keys, generated once and kept in <c>.data/secrets.json</c> (git-ignored) so
/// that a restart can still decrypt the personal data and verify the tokens of the last run.
/// </summary>
public sealed record DevSecrets(string SigningKey, string PersonalDataMasterKey, string PersonalDataLookupKey, string DemoPassword)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static DevSecrets LoadOrCreate(string path)
    {
        var stored = File.Exists(path) ? JsonSerializer.Deserialize<StoredSecrets>(File.ReadAllText(path)) : null;
        var secrets = new DevSecrets(
            stored?.SigningKey ?? RandomKey(48),
            stored?.PersonalDataMasterKey ?? RandomKey(32),
            stored?.PersonalDataLookupKey ?? RandomKey(32),
            stored?.DemoPassword ?? RandomPassword());
        var complete = new StoredSecrets(secrets.SigningKey, secrets.PersonalDataMasterKey, secrets.PersonalDataLookupKey, secrets.DemoPassword);
        if (stored != complete)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, JsonSerializer.Serialize(complete, Json));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return secrets;
    }

    /// <summary>Base64 of <paramref name="bytes"/> random bytes (AES-256 and HMAC keys are 32 bytes).</summary>
    private static string RandomKey(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));

    private static string RandomPassword() =>
        "Demo-" + RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 12);

    private sealed record StoredSecrets(string? SigningKey, string? PersonalDataMasterKey, string? PersonalDataLookupKey, string? DemoPassword);
}
