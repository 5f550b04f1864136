using System.Net.Mail;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Agent.Staff.CreatingAdmin;

/// <summary>
/// <c>dotnet SupportPlatform.Agent.Api.dll create-admin --email EMAIL [--name NAME]</c>: creates the
/// first admin (or resets that admin's password) in the configured database, reading the password
/// from the first line of standard input so it never appears in a process list or shell history.
/// The admin then invites everyone else from the desk.
/// </summary>
public static class CreateAdminCommand
{
    public const string Verb = "create-admin";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Verb;

    /// <summary>Strips the verb and its options, so the remaining arguments configure the host as usual.</summary>
    public static (string? Email, string Name, string[] HostArgs) Parse(string[] args)
    {
        string? email = null;
        var name = "관리자";
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--email" when i + 1 < args.Length:
                    email = args[++i];
                    break;
                case "--name" when i + 1 < args.Length:
                    name = args[++i];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        return (email, name, [.. rest]);
    }

    public static async Task<int> RunAsync(IServiceProvider services, string? email, string name, TextReader input, TextWriter output)
    {
        if (email is null || !MailAddress.TryCreate(email, out _))
        {
            await output.WriteLineAsync("usage: create-admin --email EMAIL [--name NAME]   (password on stdin)");
            return 2;
        }

        var password = (await input.ReadLineAsync())?.Trim();
        if (string.IsNullOrEmpty(password))
        {
            await output.WriteLineAsync("create-admin: no password on standard input.");
            return 2;
        }

        await AgentSchema.MigrateAsync(services);
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>()
            .CreateOrResetAsync(email, name, password, [StaffRoles.Admin]);
        if (!result.Succeeded)
        {
            await output.WriteLineAsync("create-admin: " + string.Join(" ", result.Errors));
            return 1;
        }

        await output.WriteLineAsync($"Admin {email} is ready: sign in to the desk and invite your staff.");
        return 0;
    }
}
