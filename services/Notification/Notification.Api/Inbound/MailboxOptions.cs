namespace SupportPlatform.Notification.Inbound;

/// <summary>
/// The <c>Mailbox</c> configuration section: the support mailbox customers answer to. With no
/// <see cref="Address"/> emails carry no reply address (as before issue 21); with no <see cref="Host"/>
/// nothing reads the mailbox.
/// </summary>
public sealed class MailboxOptions
{
    public const string Section = "Mailbox";

    /// <summary>The support address, <c>support@example.com</c>; each inquiry's emails answer to its sub-address <c>support+&lt;token&gt;@example.com</c>.</summary>
    public string? Address { get; set; }

    /// <summary>The IMAP server of the mailbox.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 993;

    /// <summary>Implicit TLS (993); false for plain IMAP or STARTTLS when the server offers it.</summary>
    public bool UseSsl { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string Folder { get; set; } = "INBOX";

    /// <summary>
    /// What becomes of a handled message: <c>delete</c> (the default) or <c>move</c> to <see cref="MoveTo"/>.
    /// A copy left in the mailbox is out of crypto-shredding's reach: purging an inquiry cannot erase it.
    /// </summary>
    public ProcessedMail Processed { get; set; } = ProcessedMail.Delete;

    public string MoveTo { get; set; } = "Processed";

    /// <summary>Where messages that could not be handled go (unparseable, or failing each time), to be looked at by hand.</summary>
    public string PoisonFolder { get; set; } = "Unprocessed";

    /// <summary>How long to wait between looks when the server has no IDLE, and the longest one IDLE lasts.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Larger messages are not read (RFC822.SIZE), only set aside.</summary>
    public long MaxMessageBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>
    /// How many messages one sender may bring in an hour; the rest are set aside in
    /// <see cref="PoisonFolder"/>, so a mail loop or a flood reaches no inquiry and alerts nobody.
    /// </summary>
    public int MaxPerSenderPerHour { get; set; } = 30;

    public bool Reads => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(Address);
}

public enum ProcessedMail
{
    Delete,
    Move,
}
