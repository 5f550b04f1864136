namespace SupportPlatform.Inquiry.Contracts;

/// <summary>How a customer's message reached the inquiry (<see cref="MessageView.Channel"/>).</summary>
public static class MessageChannels
{
    /// <summary>Written on the Lounge (or through the public API).</summary>
    public const string Web = "web";

    /// <summary>An answer to one of the inquiry's emails, read from the support mailbox.</summary>
    public const string Email = "email";
}
