namespace SupportPlatform.Notification.Smtp;

/// <summary>The <c>Smtp</c> configuration section.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>The relay; when neither this nor <see cref="PickupDirectory"/> is set, mail goes to a local pickup folder.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, optionally with a display name: <c>고객케어 라운지 &lt;no-reply@example.com&gt;</c>.</summary>
    public string From { get; set; } = "고객케어 라운지 <no-reply@supportplatform.local>";

    /// <summary>Writes .eml files here instead of talking SMTP (local runs).</summary>
    public string? PickupDirectory { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// SMTP sessions open at once from this process. Stays under Postfix's default of 50
    /// connections per client (<c>smtpd_client_connection_count_limit</c>); more would be refused.
    /// </summary>
    public int MaxConcurrentSends { get; set; } = 48;

    /// <summary>The folder used when no relay and no pickup directory are configured.</summary>
    public static string DefaultPickupDirectory => Path.Combine(Path.GetTempPath(), "supportplatform-mail");
}
