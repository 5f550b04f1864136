using System.Security.Cryptography;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Agent.Staff.Seeding;

/// <summary>
/// A local Development run gets an agent, a compliance officer and an admin (the SLA policy, keys and
/// staff pages) to log in with, each printed as
/// <c>&lt;email&gt; &lt;password&gt;</c> on its own line. The password is <c>DemoAccounts:Password</c>
/// (the AppHost keeps one in .data/secrets.json) or a fresh random one. Never registered outside
/// Development (see <see cref="AgentModule"/>).
/// </summary>
public sealed class DemoAccounts(IServiceProvider services, IConfiguration configuration, ILogger<DemoAccounts> logger) : IHostedService
{
    public static readonly IReadOnlyList<(string Email, string Name, string Role)> Accounts =
    [
        ("agent@example.com", "데모 상담원", StaffRoles.Agent),
        ("compliance@example.com", "데모 준법감시인", StaffRoles.Compliance),
        ("admin@example.com", "데모 관리자", StaffRoles.Admin),
    ];

    /// <summary>Where the lines go; the console unless a test wants them.</summary>
    public TextWriter Output { get; init; } = Console.Out;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var password = configuration["DemoAccounts:Password"] is { Length: > 0 } given
            ? given
            : "Demo-" + RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 12);
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        foreach (var (email, name, role) in Accounts)
        {
            var result = await accounts.CreateOrResetAsync(email, name, password, [role]);
            if (!result.Succeeded)
            {
                logger.LogError("Demo account {Role} not created: {Errors}", role, string.Join("; ", result.Errors));
                continue;
            }

            await Output.WriteLineAsync($"{email} {password}");
        }

        await Output.FlushAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
