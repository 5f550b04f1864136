namespace SupportPlatform.AppHost;

/// <summary>
/// One service of the platform as the AppHost runs it locally. <paramref name="Settings"/> adds
/// the configuration only this service needs (secrets included), given the running platform.
/// </summary>
public sealed record ServiceDefinition(
    string Name,
    string ProjectPath,
    int Port,
    Func<Platform, IEnumerable<KeyValuePair<string, string>>>? Settings = null)
{
    public Uri Url => new($"http://127.0.0.1:{Port}");
}

/// <summary>
/// Every service, one line each. A service whose project does not exist yet is skipped at start,
/// so this table can name services before they land. deploy/compose.yaml and deploy/k8s list the
/// same names (tests/Deploy.Tests checks it).
/// </summary>
public static class ServiceTable
{
    public static readonly IReadOnlyList<ServiceDefinition> All =
    [
        new("inquiry", "services/Inquiry/Inquiry.Api/Inquiry.Api.csproj", 5101, platform =>
        [
            new("PersonalData__MasterKey", platform.Secrets.PersonalDataMasterKey),
            new("PersonalData__LookupKey", platform.Secrets.PersonalDataLookupKey),
        ]),
        new("knowledge", "services/Knowledge/Knowledge.Api/Knowledge.Api.csproj", 5102),
        new("notification", "services/Notification/Notification.Api/Notification.Api.csproj", 5103, platform =>
        [
            new("Notification__SupportTeamAddress", platform.SupportTeamAddress),
            .. platform.Mail.Settings,
        ]),
        new("agent", "services/Agent/Agent.Api/Agent.Api.csproj", 5104, platform =>
        [
            new("DemoAccounts__Password", platform.Secrets.DemoPassword),
        ]),
        new("lounge", "services/Lounge/Lounge.Api/Lounge.Api.csproj", 5105),
    ];

    /// <summary>The staff desk; it seeds the demo accounts the AppHost prints.</summary>
    public const string AgentDesk = "agent";

    public static readonly IReadOnlyList<string> DemoAccounts = ["agent@example.com", "compliance@example.com"];
}
