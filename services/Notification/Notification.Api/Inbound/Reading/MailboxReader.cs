using System.Diagnostics.Metrics;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Options;
using Npgsql;
using SupportPlatform.Postgres;
using Telemetry = SupportPlatform.ServiceDefaults.Telemetry;

namespace SupportPlatform.Notification.Inbound.Reading;

/// <summary>
/// Reads the support mailbox over IMAP (MailKit): every message once, in UID order, handed to the
/// <see cref="InboundMailHandler"/> and then deleted (the default) or moved, with IDLE where the
/// server offers it and polling otherwise. One reader among the replicas (a session advisory lock).
/// <para>
/// Exactly once: the folder's UIDVALIDITY and the last UID handled are kept in
/// <see cref="MailboxCursors"/>, advanced after a message is disposed of. A crash after the hand-over
/// but before the expunge reads the message again, and Inquiry stores it once (its id is derived from
/// the message key). A new UIDVALIDITY starts from the first UID for the same reason. A message that
/// can never be handled (too big, or refused as malformed) is moved to the poison folder and
/// reported, never retried in a loop; a transient failure (Inquiry or the server away) leaves it
/// in place for the next look.
/// </para>
/// </summary>
public sealed partial class MailboxReader(
    IOptions<MailboxOptions> options,
    NpgsqlDataSource dataSource,
    MailboxCursors cursors,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<MailboxReader> logger) : BackgroundService
{
    private const string LockName = "notification:mailbox-reader";

    private static readonly Counter<long> Handled = Telemetry.Meter.CreateCounter<long>(
        "supportplatform.notification.mailbox.messages", "{message}", "Messages of the support mailbox handled, by outcome.");

    private static readonly Counter<long> SetAside = Telemetry.Meter.CreateCounter<long>(
        "supportplatform.notification.mailbox.set_aside", "{message}", "Messages moved to the poison folder: too big or unhandleable.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Reads)
        {
            return;
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReadAsync(() => failures = 0, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(failures, 5))));
                LogReadFailed(failures, delay, e.GetType().Name, e.Message);
                await Task.Delay(delay, TimeProvider.System, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ReadAsync(Action connected, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        await using var readerLock = await AdvisoryLocks.LockSessionAsync(connection, LockName, stoppingToken);
        using var client = new ImapClient { Timeout = 60_000 };
        await client.ConnectAsync(settings.Host!, settings.Port, settings.UseSsl ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable, stoppingToken);
        await client.AuthenticateAsync(settings.UserName ?? string.Empty, settings.Password ?? string.Empty, stoppingToken);
        var folder = await client.GetFolderAsync(settings.Folder, stoppingToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, stoppingToken);
        connected();
        LogConnected(settings.Folder, client.Capabilities.HasFlag(ImapCapabilities.Idle));
        // Set by the server's EXISTS/EXPUNGE news at any time (during a command or IDLE), so mail
        // that arrives while a batch is handled is drained before the reader idles.
        var changed = true;
        CancellationTokenSource? idle = null;
        folder.CountChanged += (_, _) =>
        {
            changed = true;
            idle?.Cancel();
        };
        while (!stoppingToken.IsCancellationRequested)
        {
            if (changed)
            {
                changed = false;
                await DrainAsync(client, folder, stoppingToken);
                await client.NoOpAsync(stoppingToken);
                continue;
            }

            if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
            {
                await Task.Delay(settings.PollInterval, TimeProvider.System, stoppingToken);
                changed = true;
                continue;
            }

            // IDLE until the server announces mail, or the poll interval passes (servers drop long IDLEs).
            using (idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                idle.CancelAfter(settings.PollInterval);
                await client.IdleAsync(idle.Token, stoppingToken);
            }

            idle = null;
            changed = true; // a look after every IDLE, in case news of a message was missed
        }
    }

    /// <summary>Handles every message above the cursor, oldest first.</summary>
    private async Task DrainAsync(ImapClient client, IMailFolder folder, CancellationToken cancellationToken)
    {
        if (folder.Count == 0)
        {
            return;
        }

        var validity = (long)folder.UidValidity;
        var last = await cursors.GetAsync(folder.FullName, cancellationToken) is { } cursor && cursor.UidValidity == validity ? cursor.LastUid : 0;
        var uids = (await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(new UniqueId((uint)last + 1), UniqueId.MaxValue)), cancellationToken))
            .Where(uid => uid.Id > last)
            .OrderBy(uid => uid.Id)
            .ToList();
        if (uids.Count == 0)
        {
            return;
        }

        var sizes = (await folder.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, cancellationToken))
            .ToDictionary(summary => summary.UniqueId, summary => (long?)summary.Size);
        foreach (var uid in uids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (sizes.GetValueOrDefault(uid) is { } size && size > options.Value.MaxMessageBytes)
            {
                await SetAsideAsync(client, folder, uid, $"larger than {options.Value.MaxMessageBytes} bytes", cancellationToken);
            }
            else
            {
                await HandleAsync(client, folder, uid, cancellationToken);
            }

            await cursors.SaveAsync(folder.FullName, validity, uid.Id, time.GetUtcNow(), cancellationToken);
        }
    }

    private async Task HandleAsync(ImapClient client, IMailFolder folder, UniqueId uid, CancellationToken cancellationToken)
    {
        InboundOutcome outcome;
        try
        {
            using var message = await folder.GetMessageAsync(uid, cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            outcome = await scope.ServiceProvider.GetRequiredService<InboundMailHandler>().HandleAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is UnhandleableMailException or MimeKit.ParseException or FormatException or System.Text.DecoderFallbackException or ArgumentException)
        {
            await SetAsideAsync(client, folder, uid, e.Message, cancellationToken);
            return;
        }

        await DisposeOfAsync(client, folder, uid, cancellationToken);
        Handled.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        LogHandled(uid.Id, outcome);
    }

    private async Task DisposeOfAsync(ImapClient client, IMailFolder folder, UniqueId uid, CancellationToken cancellationToken)
    {
        if (options.Value.Processed == ProcessedMail.Move)
        {
            await folder.MoveToAsync(uid, await FolderAsync(client, options.Value.MoveTo, cancellationToken), cancellationToken);
            return;
        }

        await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, cancellationToken);
        if (client.Capabilities.HasFlag(ImapCapabilities.UidPlus))
        {
            await folder.ExpungeAsync([uid], cancellationToken);
        }
        else
        {
            await folder.ExpungeAsync(cancellationToken);
        }
    }

    private async Task SetAsideAsync(ImapClient client, IMailFolder folder, UniqueId uid, string reason, CancellationToken cancellationToken)
    {
        await folder.MoveToAsync(uid, await FolderAsync(client, options.Value.PoisonFolder, cancellationToken), cancellationToken);
        SetAside.Add(1);
        LogSetAside(uid.Id, options.Value.PoisonFolder, reason);
    }

    private static async Task<IMailFolder> FolderAsync(ImapClient client, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetFolderAsync(name, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            var root = await client.GetFolderAsync(client.PersonalNamespaces[0].Path, cancellationToken);
            return await root.CreateAsync(name, isMessageFolder: true, cancellationToken)
                ?? throw new FolderNotFoundException(name);
        }
    }

    [LoggerMessage(LogLevel.Information, "Reading the support mailbox folder {Folder} (IDLE: {Idle})")]
    private partial void LogConnected(string folder, bool idle);

    [LoggerMessage(LogLevel.Information, "Handled mailbox message UID {Uid}: {Outcome}")]
    private partial void LogHandled(uint uid, InboundOutcome outcome);

    [LoggerMessage(LogLevel.Error, "Set aside mailbox message UID {Uid} in {Folder}: {Reason}")]
    private partial void LogSetAside(uint uid, string folder, string reason);

    [LoggerMessage(LogLevel.Warning, "Reading the support mailbox failed ({Failures} in a row), again in {Delay}: {Error} {Reason}")]
    private partial void LogReadFailed(int failures, TimeSpan delay, string error, string reason);
}
