using System.IdentityModel.Tokens.Jwt;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using SupportPlatform.AppHost;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Deploy.Tests;

/// <summary>The AppHost's local-run helpers: development secrets and the staff tokens it prints.</summary>
public sealed class Running_locally : IDisposable
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

    [Fact]
    public void The_staff_tokens_printed_for_scripts_pass_the_services_validation_with_their_role()
    {
        var secrets = DevSecrets.LoadOrCreate(Path.Combine(folder, "secrets.json"));
        var now = DateTimeOffset.UtcNow;

        var tokens = DemoTokens.Issue(secrets.SigningKey, now).ToDictionary();

        Assert.Equal([StaffRoles.Agent, StaffRoles.Compliance], tokens.Keys.Order());
        foreach (var (role, token) in tokens)
        {
            var principal = new JwtSecurityTokenHandler { MapInboundClaims = false }.ValidateToken(token, new TokenValidationParameters
            {
                ValidIssuer = StaffAuthentication.Issuer,
                ValidAudience = StaffAuthentication.Audience,
                IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secrets.SigningKey)),
                RoleClaimType = "role",
            }, out _);
            Assert.True(principal.IsInRole(role));
            Assert.Single(principal.FindAll("role"));
        }

        Assert.Throws<SecurityTokenSignatureKeyNotFoundException>(() => new JwtSecurityTokenHandler().ValidateToken(tokens[StaffRoles.Agent], new TokenValidationParameters
        {
            ValidIssuer = StaffAuthentication.Issuer,
            ValidAudience = StaffAuthentication.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("some-other-key-of-at-least-32-bytes!!")),
        }, out _));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

}
