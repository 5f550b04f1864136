using System.Globalization;

namespace SupportPlatform.AppHost;

public sealed record AppHostOptions(bool Build, IReadOnlySet<string>? Only, TimeSpan HealthTimeout, bool StopInfrastructure)
{
    public const string Usage = """
        Runs SupportPlatform locally: PostgreSQL, RabbitMQ, email to a folder, every service.

          ./run.sh [--no-build] [--only inquiry,knowledge] [--health-timeout SECONDS] [--stop-infra]

          --no-build        start the last Release build of each service
          --only NAMES      start only these services (comma-separated names from the table)
          --health-timeout  how long each service may take to answer /health (default 120)
          --stop-infra      stop the private PostgreSQL and RabbitMQ on exit (default: leave them
                            running, so the next start is fast; data stays in .data/ either way)

        Environment: ConnectionStrings__postgres / ConnectionStrings__rabbitmq use those servers
        instead of private ones; Smtp__Host (and Smtp__Port) send email there instead of .data/mail;
        Notification__SupportTeamAddress (default support@example.com).
        """;

    public static AppHostOptions Parse(IReadOnlyList<string> args)
    {
        var build = true;
        HashSet<string>? only = null;
        var healthTimeout = TimeSpan.FromSeconds(120);
        var stopInfrastructure = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--no-build":
                    build = false;
                    break;
                case "--only" when i + 1 < args.Count:
                    only = [.. args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                    var unknown = only.Where(name => ServiceTable.All.All(s => s.Name != name)).ToList();
                    if (unknown.Count > 0)
                    {
                        throw new ArgumentException($"unknown service(s) {string.Join(", ", unknown)}; the table has {string.Join(", ", ServiceTable.All.Select(s => s.Name))}");
                    }

                    break;
                case "--health-timeout" when i + 1 < args.Count && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var seconds) && seconds > 0:
                    healthTimeout = TimeSpan.FromSeconds(seconds);
                    i++;
                    break;
                case "--stop-infra":
                    stopInfrastructure = true;
                    break;
                default:
                    throw new ArgumentException($"unknown or incomplete argument '{args[i]}'");
            }
        }

        return new(build, only, healthTimeout, stopInfrastructure);
    }
}
