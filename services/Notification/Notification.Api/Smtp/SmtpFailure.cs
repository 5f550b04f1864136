using System.Net.Mail;
using System.Net.Sockets;

namespace SupportPlatform.Notification.Smtp;

/// <summary>Whether a failed send is worth trying again.</summary>
public static class SmtpFailure
{
    /// <summary>
    /// Transient: 4xx replies, and no reply at all (connection refused or reset, timeouts — SmtpClient
    /// reports those as <see cref="SmtpStatusCode.GeneralFailure"/>). Permanent: 5xx replies, which
    /// the server will give again. Anything else is a bug or a bad address, also permanent.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SmtpFailedRecipientsException many => many.InnerExceptions.Length > 0 && many.InnerExceptions.All(IsTransient),
        SmtpException smtp => IsTransient(smtp.StatusCode),
        IOException or SocketException or TimeoutException => true,
        _ => false,
    };

    public static bool IsTransient(SmtpStatusCode code) => code == SmtpStatusCode.GeneralFailure || ((int)code >= 400 && (int)code < 500);
}
