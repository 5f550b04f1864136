using Marten;
using Npgsql;
using SupportPlatform.Inquiry.Attachments;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Inquiries;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.Inquiry.Retention;

namespace SupportPlatform.Inquiry.AccessRequests.Exporting;

/// <summary>
/// Builds, keeps (sealed) and hands out access-request exports. The ZIP is sealed with a key made
/// for it, which is returned and forgotten: at rest there is only ciphertext no one here can open.
/// Taking it deletes it (one download); what nobody takes is swept at expiry.
/// </summary>
public sealed class SubjectExports(
    IDocumentStore store, NpgsqlDataSource dataSource, PersonalDataKeys keys, DataKeyStore dataKeys, InquiryStreams streams,
    AttachmentStore attachments, ReadModelCatchUp catchUp, TimeProvider time)
{
    /// <summary>
    /// How long an export waits for its one download: 23 hours, so that the hourly sweep
    /// (<c>Retention:Interval</c>) has deleted it within 24.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(23);

    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The export of every inquiry of the address, or null when the index could not catch up in time.</summary>
    public async Task<PreparedExport?> PrepareAsync(string email, CancellationToken cancellationToken)
    {
        if (!await catchUp.WaitAsync(CatchUpTimeout, cancellationToken))
        {
            return null;
        }

        var ids = await SubjectInquiries.FindAsync(store, keys.LookupKeys.EmailHashes(email), cancellationToken);
        var opened = new List<OpenedInquiry>(ids.Count);
        foreach (var id in ids)
        {
            if (await dataKeys.FindAsync(id, cancellationToken) is { } key && await streams.LoadAsync(id, cancellationToken) is { } inquiry)
            {
                var files = new List<AttachmentContent>();
                foreach (var attachment in SubjectExport.FilesOf(inquiry))
                {
                    if (await attachments.ReadAsync(id, attachment.AttachmentId, key, cancellationToken) is { } file)
                    {
                        files.Add(file);
                    }
                }

                opened.Add(new OpenedInquiry(inquiry, key, files));
            }
        }

        var now = time.GetUtcNow();
        var exportId = Guid.CreateVersion7(now);
        var exportKey = DataKey.New();
        await using var insert = dataSource.CreateCommand(
            $"INSERT INTO {InquiryStore.Schema}.subject_exports (id, created_at, expires_at, inquiry_ids, sealed_zip) VALUES (@id, @now, @expires, @ids, @zip)");
        insert.Parameters.Add(new NpgsqlParameter<Guid>("id", exportId));
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("expires", now + Lifetime));
        insert.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. opened.Select(o => o.Inquiry.State.Id)]));
        insert.Parameters.Add(new NpgsqlParameter<byte[]>("zip", exportKey.Encrypt(exportId, SubjectExport.Zip(opened, now))));
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return new PreparedExport(exportId, opened.Count, now + Lifetime, Convert.ToBase64String(exportKey.Bytes));
    }

    /// <summary>
    /// The ZIP, deleted as it is taken; null when there is no such export, it expired, was taken
    /// already, or the key does not open it (then it stays for the right key until expiry).
    /// </summary>
    public async Task<byte[]?> TakeAsync(Guid exportId, string key, CancellationToken cancellationToken)
    {
        if (!TryKey(key, out var exportKey))
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var select = new NpgsqlCommand(
            $"SELECT sealed_zip FROM {InquiryStore.Schema}.subject_exports WHERE id = @id AND expires_at > @now FOR UPDATE", connection, transaction);
        select.Parameters.Add(new NpgsqlParameter<Guid>("id", exportId));
        select.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", time.GetUtcNow()));
        if (await select.ExecuteScalarAsync(cancellationToken) is not byte[] sealedZip)
        {
            return null;
        }

        byte[] zip;
        try
        {
            zip = exportKey.Decrypt(exportId, sealedZip);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }

        await using var delete = new NpgsqlCommand($"DELETE FROM {InquiryStore.Schema}.subject_exports WHERE id = @id", connection, transaction);
        delete.Parameters.Add(new NpgsqlParameter<Guid>("id", exportId));
        await delete.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return zip;
    }

    /// <summary>Deletes the exports past expiry and writes the ledger's line; the number deleted.</summary>
    public async Task<int> SweepExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var command = dataSource.CreateCommand(
            $"""
            WITH gone AS (DELETE FROM {InquiryStore.Schema}.subject_exports WHERE expires_at <= @now RETURNING 1)
            INSERT INTO {InquiryStore.Schema}.subject_export_purges (run_id, purged_at, exports)
            SELECT @run, @now, count(*) FROM gone HAVING count(*) > 0
            RETURNING exports
            """);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        command.Parameters.Add(new NpgsqlParameter<Guid>("run", Guid.CreateVersion7(now)));
        return await command.ExecuteScalarAsync(cancellationToken) is int swept ? swept : 0;
    }

    private static bool TryKey(string key, out DataKey exportKey)
    {
        var bytes = new byte[DataKey.Size];
        if (Convert.TryFromBase64String(key, bytes, out var written) && written == DataKey.Size)
        {
            exportKey = new DataKey(bytes);
            return true;
        }

        exportKey = null!;
        return false;
    }
}

/// <summary>Sweeps expired exports every <c>Retention:Interval</c>, with the retention job.</summary>
internal sealed class ExpiredExportSweeper(SubjectExports exports, TimeProvider time, Microsoft.Extensions.Options.IOptions<RetentionOptions> options, ILogger<ExpiredExportSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    if (await exports.SweepExpiredAsync(stoppingToken) is > 0 and var swept)
                    {
                        logger.LogInformation("Deleted {Count} access-request exports past expiry", swept);
                    }
                }
                catch (NpgsqlException e)
                {
                    logger.LogWarning(e, "Sweeping expired exports failed; tried again at the next tick");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
