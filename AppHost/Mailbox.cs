namespace SupportPlatform.AppHost;

/// <summary>
/// The support mailbox that customers' emailed answers arrive in (issue 21), which Notification
/// reads over IMAP. In a local run: Dovecot from the image named by <c>ContainerImages:Dovecot</c>
/// (run.sh builds <c>local/dovecot:2.3</c> from Debian's packages), one account, plain IMAP on the
/// loopback; and the mail catcher's <c>in</c> port, an SMTP server that delivers whatever it gets
/// into that mailbox, so a person can answer an email as the customer would. A deployment names
/// its company mailbox in Notification's <c>Mailbox__*</c> settings instead (deploy/README.md).
/// </summary>
public static class Mailbox
{
    public const string User = "support";

    /// <summary>The mailbox, or null where none runs (publishing, or no image named).</summary>
    public static SupportMailbox? AddSupportMailbox(this IDistributedApplicationBuilder builder, ContainerImage? image, string password)
    {
        if (!builder.ExecutionContext.IsRunMode || image is null)
        {
            return null;
        }

        var secret = builder.AddSecret("mailbox-password", password);
        var container = builder.AddContainer("mailbox", image.Name, image.Tag)
            .WithImageOf(image)
            .WithEnvironment("MAIL_USER", User)
            .WithEnvironment("MAIL_PASSWORD", secret)
            .WithEndpoint(targetPort: 143, name: "imap", scheme: "tcp");
        return new(container, secret);
    }

    /// <summary>
    /// Notification reads the mailbox, and its emails answer to the support address's
    /// sub-addresses (<c>support+&lt;token&gt;@…</c>); the catcher's <c>in</c> port delivers into it.
    /// </summary>
    public static void ConnectSupportMailbox(
        this IResourceBuilder<ProjectResource> notification, SupportMailbox mailbox, SmtpServer smtp, string address, int? mailInPort)
    {
        var imap = mailbox.Container.GetEndpoint("imap");
        notification
            .WithEnvironment("Mailbox__Address", address)
            .WithEnvironment("Mailbox__Host", imap.Property(EndpointProperty.Host))
            .WithEnvironment("Mailbox__Port", imap.Property(EndpointProperty.Port))
            .WithEnvironment("Mailbox__UseSsl", "false")
            .WithEnvironment("Mailbox__UserName", User)
            .WithEnvironment("Mailbox__Password", mailbox.Password)
            .WaitFor(mailbox.Container);
        smtp.Catcher?
            .WithEndpoint(port: mailInPort, name: "in", scheme: "tcp", env: "MAIL_IN_PORT")
            .WithEnvironment("IMAP_HOST", imap.Property(EndpointProperty.Host))
            .WithEnvironment("IMAP_PORT", imap.Property(EndpointProperty.Port))
            .WithEnvironment("IMAP_USER", User)
            .WithEnvironment("IMAP_PASSWORD", mailbox.Password)
            .WaitFor(mailbox.Container);
    }
}

/// <summary>The mailbox container and its account's password.</summary>
public sealed record SupportMailbox(IResourceBuilder<ContainerResource> Container, IResourceBuilder<ParameterResource> Password);
