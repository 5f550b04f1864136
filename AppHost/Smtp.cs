namespace SupportPlatform.AppHost;

/// <summary>Where the Notification service sends mail.</summary>
public static class Smtp
{
    /// <summary>
    /// In a local run, an SMTP catcher a person can look into: Debian's python3 with aiosmtpd
    /// (MailCatcher/mailcatcher.py) stores every message in a Maildir and serves a web view of it.
    /// In the manifest, the relay's host and port are parameters.
    /// </summary>
    public static SmtpServer AddSmtp(this IDistributedApplicationBuilder builder, string maildir)
    {
        if (!builder.ExecutionContext.IsRunMode)
        {
            return new(builder.AddParameter("smtp-host"), builder.AddParameter("smtp-port"), null);
        }

        var mail = builder.AddExecutable(
                "mail",
                builder.Configuration["Platform:Python"] ?? "/usr/bin/python3", // Debian's, which has aiosmtpd
                Path.Combine(builder.AppHostDirectory, "MailCatcher"),
                "mailcatcher.py",
                maildir)
            .WithEndpoint(name: "smtp", scheme: "tcp", env: "SMTP_PORT")
            .WithHttpEndpoint(name: "http", env: "HTTP_PORT")
            .WithHttpHealthCheck("/");
        var endpoint = mail.GetEndpoint("smtp");
        return new(endpoint.Property(EndpointProperty.Host), endpoint.Property(EndpointProperty.Port), mail);
    }

    public static IResourceBuilder<ProjectResource> WithSmtp(this IResourceBuilder<ProjectResource> project, SmtpServer smtp)
    {
        project.WithEnvironment(context =>
        {
            context.EnvironmentVariables["Smtp__Host"] = smtp.Host;
            context.EnvironmentVariables["Smtp__Port"] = smtp.Port;
        });
        return smtp.Catcher is null ? project : project.WaitFor(smtp.Catcher);
    }
}

/// <summary>An SMTP relay's address as expressions the AppHost resolves (an endpoint or parameters).</summary>
public sealed record SmtpServer(object Host, object Port, IResourceBuilder<ExecutableResource>? Catcher);
