using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;

namespace SupportPlatform.Notification.Smtp;

/// <summary>Whether a failed send is worth trying again.</summary>
public static class SmtpFailure
{
    /// <summary>
    /// Transient: 4xx replies, and no reply at all (connection refused or reset, a dropped session,
    /// timeouts). Permanent: 5xx replies, which the server will give again. Anything else (a bad
    /// address, a failed TLS handshake or login) is a bug or a setting to fix, also permanent.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SmtpCommandException command => IsTransient((int)command.StatusCode),
        SmtpProtocolException or ServiceNotConnectedException => true,
        IOException or SocketException or TimeoutException => true,
        _ => false,
    };

    public static bool IsTransient(int replyCode) => replyCode is >= 400 and < 500;
}
