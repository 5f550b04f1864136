using Aspire.Hosting.Lifecycle;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SupportPlatform.AppHost;

/// <summary>
/// Once every resource is healthy, prints what a person needs on one screen: the dashboard with
/// its login token, every URL, and the Agent desk's demo accounts (run.sh shows this output).
/// </summary>
public static class ReadyBanner
{
    public static IDistributedApplicationBuilder PrintWhenReady(this IDistributedApplicationBuilder builder, DevSecrets secrets)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            builder.Services.AddSingleton(secrets);
            builder.Services.AddHostedService<Printer>();
        }

        return builder;
    }

    /// <summary>
    /// Whether a resource runs and so reports its health: containers, projects, executables and the
    /// databases inside a server. Parameters and derived values (an encoded password) never do,
    /// nor does the rebuilder Aspire adds to each project, which waits for the dashboard's command.
    /// </summary>
    public static bool Runs(IResource resource) =>
        resource.GetType().Name != "ProjectRebuilderResource" // internal to Aspire
        && (resource is ContainerResource or ProjectResource or ExecutableResource
            || resource is IResourceWithParent and IResourceWithConnectionString);

    /// <summary>The accounts the Agent desk creates in a local (Development) run, with <see cref="DevSecrets.DemoPassword"/>.</summary>
    public static readonly IReadOnlyList<string> DemoAccounts = ["agent@example.com", "compliance@example.com", "admin@example.com"];

    private sealed class Printer(
        DistributedApplicationModel model,
        ResourceNotificationService notifications,
        IConfiguration configuration,
        DevSecrets secrets,
        TimeProvider time) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var started = time.GetTimestamp();
            try
            {
                await Task.WhenAll(model.Resources.Where(Runs).Select(r => notifications.WaitForResourceHealthyAsync(r.Name, stoppingToken)));
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var lines = new List<string> { "", $"SupportPlatform is up ({time.GetElapsedTime(started).TotalSeconds:0.0} s after the AppHost started its resources)", "" };
            if (DashboardLogin(configuration) is { } login)
            {
                lines.Add($"  {"dashboard",-22}{login}");
            }

            // The dashboard is itself a resource; its line with the login token is above.
            foreach (var resource in model.Resources.OfType<IResourceWithEndpoints>().Where(r => r.Name != "aspire-dashboard"))
            {
                foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>().Where(e => e.AllocatedEndpoint is not null))
                {
                    lines.Add($"  {resource.Name + (endpoint.Name is "http" or "tcp" ? "" : " " + endpoint.Name),-22}{endpoint.AllocatedEndpoint!.UriString}{Hint(resource, endpoint)}");
                }
            }

            lines.Add("");
            lines.Add("Demo staff accounts of the Agent desk (email, password; POST /api/auth/token gives scripts a token):");
            foreach (var email in DemoAccounts)
            {
                lines.Add($"  {email} {secrets.DemoPassword}");
            }

            lines.Add("");
            lines.Add("Ctrl+C stops everything.");
            await Console.Out.WriteLineAsync(string.Join(Environment.NewLine, lines));
        }

        private static string Hint(IResource resource, EndpointAnnotation endpoint) => (resource, endpoint.Name) switch
        {
            (ProjectResource { Name: "lounge" }, "http") => "  (customer site)",
            (ProjectResource { Name: "agent" }, "http") => "  (staff desk; demo accounts below)",
            (ProjectResource, "http") => "  (OpenAPI: /openapi/v1.json)",
            (RabbitMQServerResource, "management") => "  (management UI)",
            (ExecutableResource { Name: "mail" }, "http") => "  (caught mail)",
            (ExecutableResource { Name: "mail" }, "in") => "  (SMTP into the support mailbox: answer an email as the customer, README)",
            (ContainerResource { Name: "mailbox" }, "imap") => $"  (the support mailbox, IMAP; user {Mailbox.User})",
            _ => "",
        };

        /// <summary>The dashboard's address with its one-time login token, as Aspire itself logs it.</summary>
        private static string? DashboardLogin(IConfiguration configuration)
        {
            var url = configuration["ASPNETCORE_URLS"]?.Split(';')[0];
            if (string.IsNullOrEmpty(url))
            {
                return null;
            }

            return configuration["AppHost:BrowserToken"] is { Length: > 0 } token ? $"{url.TrimEnd('/')}/login?t={token}" : url;
        }
    }
}
