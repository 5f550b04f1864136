using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Notification.Smtp;

/// <summary>
/// Sends through <see cref="SmtpClient"/> (MailKit is not obtainable here): the plain text is the
/// body and the HTML an alternative view, so the message is multipart/alternative; subject, headers
/// and bodies are UTF-8 so Korean survives every hop.
/// <para>
/// An SmtpClient is not safe for concurrent use but keeps its connection open between sends, so
/// idle clients are pooled: most emails skip connect, greeting, EHLO and QUIT. A client that threw
/// is dropped (its connection may be broken), and one idle longer than <see cref="IdleLimit"/> is
/// closed rather than reused, since relays hang up on quiet connections.
/// </para>
/// </summary>
public sealed class SmtpEmailSender : IEmailSender, IDisposable
{
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(30);

    private readonly IOptions<SmtpOptions> options;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim sessions;
    private readonly ConcurrentBag<(SmtpClient Client, long IdleSince)> idle = [];

    public SmtpEmailSender(IOptions<SmtpOptions> options, TimeProvider time)
    {
        this.options = options;
        this.time = time;
        var limit = Math.Max(1, options.Value.MaxConcurrentSends);
        sessions = new SemaphoreSlim(limit, limit);

        // SendMailAsync blocks a thread-pool thread for parts of each session (measured: 64 parallel
        // sends on 2 cores reach 81 emails/s with the default pool, 206/s with the threads reserved),
        // so the pool keeps one thread per allowed session instead of growing one every half second.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount + limit), completionPorts);
    }

    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.Source.StartActivity("smtp send", ActivityKind.Client);
        activity?.SetTag("server.address", options.Value.Host);
        using var message = ToMailMessage(email, options.Value);
        await sessions.WaitAsync(cancellationToken);
        try
        {
            var client = TakeClient();
            try
            {
                await client.SendMailAsync(message, cancellationToken);
            }
            catch
            {
                client.Dispose();
                throw;
            }

            idle.Add((client, time.GetTimestamp()));
        }
        finally
        {
            sessions.Release();
        }
    }

    public void Dispose()
    {
        while (idle.TryTake(out var pooled))
        {
            pooled.Client.Dispose();
        }

        sessions.Dispose();
    }

    private SmtpClient TakeClient()
    {
        while (idle.TryTake(out var pooled))
        {
            if (time.GetElapsedTime(pooled.IdleSince) < IdleLimit)
            {
                return pooled.Client;
            }

            pooled.Client.Dispose();
        }

        return CreateClient(options.Value);
    }

    private static MailMessage ToMailMessage(OutgoingEmail email, SmtpOptions settings)
    {
        var message = new MailMessage
        {
            From = new MailAddress(settings.From, null, Encoding.UTF8),
            Subject = email.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            Body = email.TextBody,
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = TransferEncoding.Base64,
            IsBodyHtml = false,
        };
        message.To.Add(new MailAddress(email.To));
        message.Headers.Add("Message-ID", email.MessageIdHeader);
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(email.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html));
        return message;
    }

    private static SmtpClient CreateClient(SmtpOptions settings)
    {
        if (settings.PickupDirectory is { Length: > 0 } || string.IsNullOrEmpty(settings.Host))
        {
            var directory = settings.PickupDirectory is { Length: > 0 } configured ? configured : SmtpOptions.DefaultPickupDirectory;
            Directory.CreateDirectory(directory);
            return new SmtpClient
            {
                DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
                PickupDirectoryLocation = Path.GetFullPath(directory),
            };
        }

        var client = new SmtpClient(settings.Host, settings.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = settings.EnableSsl,
            Timeout = (int)settings.Timeout.TotalMilliseconds,
        };
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        }

        return client;
    }
}
