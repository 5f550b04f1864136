using System.Text.Json;
using Npgsql;
using SupportPlatform.Inquiry.Inquiries.SearchingMessages;
using SupportPlatform.Inquiry.Keys.Rotating;
using SupportPlatform.Inquiry.Retention.Shredding;

namespace SupportPlatform.Inquiry.Keys;

/// <summary>
/// The operator's commands on the service's entry point, with the service's own configuration:
/// <c>keys status</c>, <c>keys rewrap</c>, <c>keys rehash</c>, <c>shred-list status</c>, <c>shred-list reapply</c>,
/// <c>search-index rebuild</c>.
/// Each migrates the schema and the shred list's first (it may run before any replica has), prints JSON to standard
/// output, and never prints a key, only key ids.
/// </summary>
public static class OperatorCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static bool Handles(string[] args) => args is ["keys" or "shred-list" or "search-index", ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var services = app.Services;
        var logger = services.GetRequiredService<ILogger<InquirySchemaInitializer>>();
        await InquirySchema.MigrateAsync(services.GetRequiredService<NpgsqlDataSource>(), logger);
        await services.GetRequiredService<ShredList>().MigrateAsync(logger, CancellationToken.None);
        object? result = args switch
        {
            ["keys", "status"] => await services.GetRequiredService<KeyRotation>().StatusAsync(CancellationToken.None),
            ["keys", "rewrap"] => await MoveAsync(services.GetRequiredService<KeyRotation>(), rotation => rotation.MasterKeys.RunAsync),
            ["keys", "rehash"] => await MoveAsync(services.GetRequiredService<KeyRotation>(), rotation => rotation.LookupKeys.RunAsync),
            ["shred-list", "status"] => await services.GetRequiredService<ShredListReplay>().StatusAsync(CancellationToken.None),
            ["shred-list", "reapply"] => await services.GetRequiredService<ShredListReplay>().ReapplyAsync(fromStart: true, CancellationToken.None),
            ["search-index", "rebuild"] => await services.GetRequiredService<MessageSearchRebuild>().RunAsync(CancellationToken.None),
            _ => null,
        };
        if (result is null)
        {
            await Console.Error.WriteLineAsync("Commands: keys status | keys rewrap | keys rehash | shred-list status | shred-list reapply | search-index rebuild (docs/operations.md)");
            return 2;
        }

        Console.WriteLine(JsonSerializer.Serialize(result, Json));
        return 0;
    }

    /// <summary>Runs one key move in the foreground, then reports it with the status of both.</summary>
    private static async Task<object> MoveAsync(KeyRotation rotation, Func<KeyRotation, Func<CancellationToken, Task<long?>>> move)
    {
        var moved = await move(rotation)(CancellationToken.None);
        var status = await rotation.StatusAsync(CancellationToken.None);
        return new { Moved = moved, RunningElsewhere = moved is null, Status = status };
    }
}
