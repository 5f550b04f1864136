using System.Security.Cryptography;
using System.Text.Json;

namespace SupportPlatform.AppHost;

/// <summary>
/// Development-only keys and passwords, generated once and kept in <c>.data/secrets.json</c>
/// (git-ignored) so that a restart can still decrypt the personal data, verify the tokens of the
/// last run and log in to the PostgreSQL and RabbitMQ data kept in their named volumes.
/// </summary>
public sealed record DevSecrets(
    string SigningKey, string PersonalDataMasterKey, string PersonalDataLookupKey, string DemoPassword, string PostgresPassword, string RabbitMqPassword,
    string MailboxPassword)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static DevSecrets LoadOrCreate(string path)
    {
        var stored = File.Exists(path) ? JsonSerializer.Deserialize<StoredSecrets>(File.ReadAllText(path)) : null;
        var secrets = new DevSecrets(
            stored?.SigningKey ?? RandomKey(48),
            stored?.PersonalDataMasterKey ?? RandomKey(32),
            stored?.PersonalDataLookupKey ?? RandomKey(32),
            stored?.DemoPassword ?? RandomPassword(),
            stored?.PostgresPassword ?? RandomString(24),
            stored?.RabbitMqPassword ?? RandomString(24),
            stored?.MailboxPassword ?? RandomString(24));
        var complete = new StoredSecrets(
            secrets.SigningKey, secrets.PersonalDataMasterKey, secrets.PersonalDataLookupKey, secrets.DemoPassword, secrets.PostgresPassword, secrets.RabbitMqPassword,
            secrets.MailboxPassword);
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

    private static string RandomPassword() => "Demo-" + RandomString(12);

    /// <summary>Letters and digits only, so the value needs no escaping in a URI or connection string.</summary>
    private static string RandomString(int length) =>
        RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", length);

    private sealed record StoredSecrets(
        string? SigningKey, string? PersonalDataMasterKey, string? PersonalDataLookupKey, string? DemoPassword, string? PostgresPassword, string? RabbitMqPassword,
        string? MailboxPassword);
}
