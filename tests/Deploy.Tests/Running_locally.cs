using System.IdentityModel.Tokens.Jwt;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using SupportPlatform.AppHost;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Deploy.Tests;

public sealed class Running_locally : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("apphost-tests").FullName;

    [Fact]
    public void The_service_table_gives_each_service_its_own_name_port_and_conventional_project()
    {
        Assert.Equal(ServiceTable.All.Count, ServiceTable.All.Select(s => s.Name).Distinct().Count());
        Assert.Equal(ServiceTable.All.Count, ServiceTable.All.Select(s => s.Port).Distinct().Count());
        Assert.All(ServiceTable.All, s =>
        {
            Assert.Matches("^[a-z]+$", s.Name);
            Assert.Matches(@"^services/(\w+)/\1\.Api/\1\.Api\.csproj$", s.ProjectPath);
            Assert.DoesNotContain(s.Port, new[] { 55432, 55672, 55673, LocalInfrastructure.PostgresPort, LocalInfrastructure.RabbitMqPort, LocalInfrastructure.RabbitMqManagementPort });
        });
        Assert.Contains(ServiceTable.All, s => s.Name == ServiceTable.AgentDesk);
    }

    [Fact]
    public void Every_child_gets_the_same_infrastructure_and_the_urls_of_every_running_service()
    {
        var platform = Platform(MailDelivery.From(_ => null, "/tmp/mail"));
        var environments = platform.Services.ToDictionary(s => s.Name, platform.EnvironmentFor);

        foreach (var (name, environment) in environments)
        {
            var own = platform.Services.Single(s => s.Name == name);
            Assert.Equal(platform.Postgres, environment["ConnectionStrings__postgres"]);
            Assert.Equal(platform.RabbitMq, environment["ConnectionStrings__rabbitmq"]);
            Assert.Equal($"http://127.0.0.1:{own.Port}", environment["ASPNETCORE_URLS"]);
            Assert.Equal("Development", environment["ASPNETCORE_ENVIRONMENT"]);
            Assert.Equal(name, environment["OTEL_SERVICE_NAME"]);
            Assert.Equal(platform.Secrets.SigningKey, environment["Auth__SigningKey"]);
            Assert.Equal(
                platform.Services.Select(s => ($"services__{s.Name}__http__0", $"http://127.0.0.1:{s.Port}")).Order(),
                environment.Where(e => e.Key.StartsWith("services__", StringComparison.Ordinal)).Select(e => (e.Key, e.Value)).Order());
        }

        // Least privilege: only the Inquiry service can decrypt personal data, only Notification sends mail.
        Assert.Equal(["inquiry"], environments.Where(e => e.Value.ContainsKey("PersonalData__MasterKey")).Select(e => e.Key));
        Assert.Equal(["inquiry"], environments.Where(e => e.Value.ContainsKey("PersonalData__LookupKey")).Select(e => e.Key));
        Assert.Equal(["notification"], environments.Where(e => e.Value.ContainsKey("Smtp__PickupDirectory")).Select(e => e.Key));
        Assert.Equal("/tmp/mail", environments["notification"]["Smtp__PickupDirectory"]);
        Assert.Equal("support@example.com", environments["notification"]["Notification__SupportTeamAddress"]);
        Assert.Equal(platform.Secrets.DemoPassword, environments["agent"]["DemoAccounts__Password"]);
    }

    [Fact]
    public void A_given_smtp_server_replaces_the_pickup_folder()
    {
        var given = new Dictionary<string, string> { ["Smtp__Host"] = "relay.example.com", ["Smtp__Port"] = "2525" };
        var platform = Platform(MailDelivery.From(given.GetValueOrDefault, "/tmp/mail"));
        var notification = platform.EnvironmentFor(ServiceTable.All.Single(s => s.Name == "notification"));

        Assert.Equal("relay.example.com", notification["Smtp__Host"]);
        Assert.Equal("2525", notification["Smtp__Port"]);
        Assert.DoesNotContain("Smtp__PickupDirectory", notification.Keys);
        Assert.Contains("relay.example.com:2525", platform.Mail.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_services_started_are_announced_to_each_other()
    {
        var running = ServiceTable.All.Where(s => s.Name is "inquiry" or "notification").ToList();
        var platform = Platform(MailDelivery.From(_ => null, "/tmp/mail")) with { Services = running };

        var environment = platform.EnvironmentFor(running[0]);

        Assert.Equal(
            ["services__inquiry__http__0", "services__notification__http__0"],
            environment.Keys.Where(k => k.StartsWith("services__", StringComparison.Ordinal)).Order());
    }

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

    [Fact]
    public void The_entry_assembly_of_a_service_is_read_from_its_project_file()
    {
        var project = Path.Combine(folder, "Thing.Api", "Thing.Api.csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(project)!);
        File.WriteAllText(project, """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <RootNamespace>SupportPlatform.Thing</RootNamespace>
                <AssemblyName>SupportPlatform.Thing.Api</AssemblyName>
              </PropertyGroup>
            </Project>
            """);

        Assert.Equal(Path.Combine(folder, "Thing.Api", "bin", "Release", "net10.0", "SupportPlatform.Thing.Api.dll"), ServiceProject.AssemblyPath(project));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private Platform Platform(MailDelivery mail) => new(
        "Host=127.0.0.1;Port=54320;Username=postgres;Password=postgres;Database=supportplatform",
        "amqp://guest:guest@127.0.0.1:56720/",
        DevSecrets.LoadOrCreate(Path.Combine(folder, "secrets.json")),
        mail,
        "support@example.com",
        ServiceTable.All);
}
