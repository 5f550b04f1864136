using System.Diagnostics;
using System.Globalization;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;

namespace SupportPlatform.Benchmarks;

/// <summary>
/// One way of rebuilding a service's read models: Marten settings laid over the service's own
/// (<paramref name="Adjust"/>), and whether the read models replay one after the other (a figure
/// per read model) or all at once (one wall time shared by all).
/// </summary>
public sealed record RebuildVariant(string Name, Action<StoreOptions> Adjust, bool AllAtOnce = false)
{
    /// <summary>The service's settings as they ship.</summary>
    public static RebuildVariant Service { get; } = new("service settings", _ => { });

    /// <summary>
    /// Marten 9's rebuild options over the service's settings (the page size, the latest document per
    /// aggregate buffered and written with binary COPY) and all read models replayed at once: what a
    /// service would adopt if it measured faster. Pages of 500 are what the services had before.
    /// </summary>
    public static IReadOnlyList<RebuildVariant> MartenOptions { get; } =
    [
        Service,
        new("pages of 500 events (Marten's default)", o => EachAsync(o, p => p.Options.BatchSize = 500)),
        new("pages of 5,000 + latest document buffered + binary COPY", o =>
        {
            o.Projections.RebuildWithBulkCopy = true;
            EachAsync(o, p =>
            {
                p.Options.BatchSize = 5_000;
                p.Options.RebuildFlushThreshold = 20_000;
            });
        }),
        new("service settings, all read models at once", _ => { }, AllAtOnce: true),
    ];

    private static void EachAsync(StoreOptions options, Action<IProjectionSource<IDocumentOperations, IQuerySession>> adjust)
    {
        foreach (var projection in options.Projections.All.Where(p => p.Lifecycle == ProjectionLifecycle.Async))
        {
            adjust(projection);
        }
    }
}

/// <summary>
/// Replays a whole event log into each read model with Marten's daemon (<c>RebuildProjectionAsync</c>,
/// which tears the model down and replays every event), with nothing else running against the
/// store, and reports events/s per read model: the log's event count over the time the model took.
/// Variants are alternated round by round, so the machine's noise hits each alike.
/// </summary>
public static class ProjectionRebuilds
{
    /// <summary>Marten's read models: the projections its daemon runs.</summary>
    public static IReadOnlyList<string> ReadModels(StoreOptions options) =>
        [.. options.Projections.All.Where(p => p.Lifecycle == ProjectionLifecycle.Async).Select(p => p.Name)];

    /// <param name="serverCpuSeconds">
    /// The CPU time the database server has used so far, when it can be read (a container's cgroup):
    /// with this process's own CPU time, it says where a read model's time went — this process,
    /// the server, or waiting for a core on a shared machine.
    /// </param>
    public static async Task RunAsync(
        NpgsqlDataSource dataSource, string eventsTable, Func<StoreOptions> serviceOptions,
        IReadOnlyList<string> readModels, IReadOnlyList<RebuildVariant> variants, int rounds, Func<double>? serverCpuSeconds = null)
    {
        long events;
        await using (var count = dataSource.CreateCommand($"SELECT count(*) FROM {eventsTable}"))
        {
            events = (long)(await count.ExecuteScalarAsync())!;
        }

        Console.WriteLine($"rebuild: {events} events, read models {string.Join(", ", readModels)}, {rounds} round(s) of {variants.Count} variant(s)");
        var rates = variants.ToDictionary(v => v.Name, _ => readModels.ToDictionary(m => m, _ => new List<double>()));
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var variant in variants)
            {
                var options = serviceOptions();
                variant.Adjust(options);
                using var store = new DocumentStore(options);
                using var daemon = await store.BuildProjectionDaemonAsync();
                var seconds = new Dictionary<string, double>();
                var cpu = new Dictionary<string, string>();
                if (variant.AllAtOnce)
                {
                    var meter = CpuMeter.Start(serverCpuSeconds);
                    await Task.WhenAll(readModels.Select(m => daemon.RebuildProjectionAsync(m, TimeSpan.FromMinutes(30), CancellationToken.None)));
                    foreach (var model in readModels)
                    {
                        seconds[model] = meter.Wall;
                    }

                    cpu["all"] = meter.ToString();
                }
                else
                {
                    foreach (var model in readModels)
                    {
                        var meter = CpuMeter.Start(serverCpuSeconds);
                        await daemon.RebuildProjectionAsync(model, TimeSpan.FromMinutes(30), CancellationToken.None);
                        seconds[model] = meter.Wall;
                        cpu[model] = meter.ToString();
                    }
                }

                foreach (var (model, s) in seconds)
                {
                    rates[variant.Name][model].Add(events / s);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}, {variant.Name}: {string.Join(", ", readModels.Select(m => $"{m} {seconds[m]:F1} s = {events / seconds[m]:F0} events/s"))}; load average {LoadAverage()}"));
                Console.WriteLine($"  CPU time: {string.Join("; ", cpu.Select(c => $"{c.Key} {c.Value}"))}");
            }
        }

        Console.WriteLine("medians (events/s per read model; target >= 20,000):");
        foreach (var variant in variants)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {variant.Name,-40} {string.Join("  ", readModels.Select(m => $"{m} {Stats.Median(rates[variant.Name][m]):F0}"))}"));
        }
    }

    /// <summary>Wall time, and the CPU time this process and the server spent in it.</summary>
    private sealed class CpuMeter
    {
        private readonly Stopwatch wall = Stopwatch.StartNew();
        private readonly TimeSpan client = Process.GetCurrentProcess().TotalProcessorTime;
        private readonly Func<double>? server;
        private readonly double serverAtStart;

        private CpuMeter(Func<double>? server)
        {
            this.server = server;
            serverAtStart = server?.Invoke() ?? 0;
        }

        public static CpuMeter Start(Func<double>? server) => new(server);

        public double Wall => wall.Elapsed.TotalSeconds;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"wall {Wall:F1} s, this process {(Process.GetCurrentProcess().TotalProcessorTime - client).TotalSeconds:F1} s CPU, server {(server is null ? "n/a" : $"{server() - serverAtStart:F1} s CPU")}");
    }

    /// <summary>The 1-minute load average, to print beside figures measured on a shared machine.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
