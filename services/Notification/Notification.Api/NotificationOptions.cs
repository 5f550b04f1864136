namespace SupportPlatform.Notification;

/// <summary>The <c>Notification</c> configuration section.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notification";

    /// <summary>Where staff alerts go.</summary>
    public string SupportTeamAddress { get; set; } = "support@supportplatform.local";

    /// <summary>The language of staff alerts (the support team reads Korean).</summary>
    public string StaffLanguage { get; set; } = "ko";

    /// <summary>The Lounge's public base URL; set by the <c>services__lounge__http__0</c> key when present.</summary>
    public string LoungeBaseUrl { get; set; } = "http://localhost:5100";

    /// <summary>
    /// The staff desk's public base URL, for the link in staff alerts. When not set, the
    /// <c>services__agent__http__0</c> key (the AppHost's, or deploy/'s in-cluster name) stands in.
    /// </summary>
    public string DeskBaseUrl { get; set; } = "http://localhost:5104";

    /// <summary>How often the re-sender looks for deliveries that are due again.</summary>
    public TimeSpan RetryPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait after the first transient failure; it doubles per failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A pending delivery still failing transiently this long after it was created is marked failed.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long a claim on a delivery lasts. It must outlast one SMTP attempt (<c>Smtp:Timeout</c>):
    /// a claim left by a crashed process is taken over by the re-sender only after it expires.
    /// </summary>
    public TimeSpan SendLease { get; set; } = TimeSpan.FromMinutes(2);
}
