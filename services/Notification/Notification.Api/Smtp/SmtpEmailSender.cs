using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using SupportPlatform.ServiceDefaults;

namespace SupportPlatform.Notification.Smtp;

/// <summary>
/// Sends through MailKit (Microsoft's recommendation over System.Net.Mail.SmtpClient, whose small
/// writes stalled each email 40–70 ms here: docs/benchmarks.md). The message is
/// multipart/alternative (plain text, then HTML); MimeKit encodes the Korean subject and bodies as
/// UTF-8.
/// <para>
/// A MailKit client is not safe for concurrent use but keeps its connection open between sends, so
/// idle connected clients are pooled: most emails skip connect, greeting and EHLO. A client that
/// threw is dropped (its connection may be broken), and one idle longer than <see cref="IdleLimit"/>
/// is closed rather than reused, since relays hang up on quiet connections.
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
    }

    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var activity = Telemetry.Source.StartActivity("smtp send", ActivityKind.Client);
        activity?.SetTag("server.address", settings.Host);
        using var message = ToMimeMessage(email, settings);
        if (settings.PickupDirectory is { Length: > 0 } || string.IsNullOrEmpty(settings.Host))
        {
            await WriteToPickupFolderAsync(message, settings, cancellationToken);
            return;
        }

        await sessions.WaitAsync(cancellationToken);
        try
        {
            var client = await TakeClientAsync(settings, cancellationToken);
            try
            {
                await client.SendAsync(message, cancellationToken);
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

    private async Task<SmtpClient> TakeClientAsync(SmtpOptions settings, CancellationToken cancellationToken)
    {
        while (idle.TryTake(out var pooled))
        {
            if (pooled.Client.IsConnected && time.GetElapsedTime(pooled.IdleSince) < IdleLimit)
            {
                return pooled.Client;
            }

            pooled.Client.Dispose();
        }

        var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        // Our own socket, to turn Nagle off: the end of the DATA payload is a small write after a
        // larger one, which would otherwise wait for the server's delayed ACK (~40 ms per email).
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(settings.Host!, settings.Port, cancellationToken);
            await client.ConnectAsync(socket, settings.Host!, settings.Port, settings.EnableSsl ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            socket.Dispose();
            throw;
        }
    }

    /// <summary>One <c>.eml</c> file per email, named after its Message-ID, so a retry overwrites its copy.</summary>
    private static async Task WriteToPickupFolderAsync(MimeMessage message, SmtpOptions settings, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(settings.PickupDirectory is { Length: > 0 } configured ? configured : SmtpOptions.DefaultPickupDirectory);
        Directory.CreateDirectory(directory);
        var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        await message.WriteToAsync(Path.Combine(directory, name + ".eml"), cancellationToken);
    }

    private static MimeMessage ToMimeMessage(OutgoingEmail email, SmtpOptions settings)
    {
        var body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody };
        var message = new MimeMessage
        {
            Subject = email.Subject,
            Body = body.ToMessageBody(),
            // MimeKit takes the id without its angle brackets and writes them itself.
            MessageId = email.MessageIdHeader.Trim().TrimStart('<').TrimEnd('>'),
        };
        // Base64 as before the move to MailKit: Korean text is mostly non-ASCII, where quoted-printable
        // triples the size, and the lines stay short whatever the template wrote.
        foreach (var part in message.BodyParts.OfType<TextPart>())
        {
            part.ContentTransferEncoding = ContentEncoding.Base64;
        }

        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        if (email.AutoReply)
        {
            message.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        }

        if (email.ReplyTo is { Length: > 0 } replyTo)
        {
            message.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        }

        if (email.Thread is [.., var parent])
        {
            message.InReplyTo = parent.Trim('<', '>');
            foreach (var earlier in email.Thread)
            {
                message.References.Add(earlier.Trim('<', '>'));
            }
        }

        return message;
    }
}
