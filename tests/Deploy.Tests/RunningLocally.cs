using System.Text;
using SupportPlatform.AppHost;

namespace SupportPlatform.Deploy.Tests;

/// <summary>The AppHost's local-run helpers: development secrets.</summary>
public sealed class RunningLocally : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("apphost-tests").FullName;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Secrets_are_generated_once_kept_private_and_reused()
    {
        var path = Path.Combine(folder, "secrets.json");

        var first = DevSecrets.LoadOrCreate(path);
        var second = DevSecrets.LoadOrCreate(path);

        Assert.Equal(first, second);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(32, Convert.FromBase64String(first.PersonalDataMasterKey).Length);
        Assert.Equal(32, Convert.FromBase64String(first.PersonalDataLookupKey).Length);
        Assert.True(Encoding.UTF8.GetByteCount(first.SigningKey) >= 32);
        Assert.NotEqual(first.PersonalDataMasterKey, first.PersonalDataLookupKey);
        Assert.NotEqual(first, DevSecrets.LoadOrCreate(Path.Combine(folder, "other.json")));
    }

    [Fact]
    public void A_secrets_file_from_an_older_AppHost_keeps_its_keys_and_gains_the_missing_ones()
    {
        var path = Path.Combine(folder, "secrets.json");
        File.WriteAllText(path, """{ "SigningKey": "an-older-signing-key-of-at-least-32-bytes" }""");

        var secrets = DevSecrets.LoadOrCreate(path);

        Assert.Equal("an-older-signing-key-of-at-least-32-bytes", secrets.SigningKey);
        Assert.Equal(secrets, DevSecrets.LoadOrCreate(path));
        Assert.Contains(secrets.DemoPassword, File.ReadAllText(path), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
