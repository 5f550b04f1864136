using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.ServiceDefaults.Http;
using SupportPlatform.ServiceDefaults.Reporting;

namespace SupportPlatform.Inquiry.Inquiries.Reporting;

/// <summary>
/// First-response, resolution and next-response times and SLA attainment for the operations view,
/// per week and priority and per agent, merged from the period's day and week histograms of the response-time
/// read model (<see cref="ResponseTimeHistograms"/>), never by folding streams or reading each
/// document: counts and targets met are exact, medians and p90s are estimated from the buckets
/// (<see cref="BusinessMinuteBuckets"/>: exact below 64 minutes, within 1/32 of the value above).
/// </summary>
public static class ReportResponseTimes
{
    private static readonly string[] Kinds = ["first", "resolution", "next"];

    public static RouteGroupBuilder MapResponseTimeReport(this RouteGroupBuilder agent)
    {
        agent.MapGet("/response-times", Handle)
            .WithName("ReportResponseTimes")
            .WithSummary("First-response, resolution and next-response times (count, median and p90 in business minutes, targets met) per Korean ISO week of completion and priority, and per agent, from `from` to `to` (yyyy-MM-dd, Korean days, both included, at most 371 days; default: the last 8 weeks). Counts and targets met are exact; medians and p90s are read from histograms of the days and weeks, exact below 64 minutes and otherwise within 1/32 (3.1%) of the value.");
        return agent;
    }

    private static async Task<Results<Ok<ResponseTimeReport>, ValidationProblem>> Handle(
        string? from, string? to, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        return ReportPeriod.Read(from, to, time.GetUtcNow(), errors) is { } period
            ? TypedResults.Ok(await ReadAsync(dataSource, period, cancellationToken))
            : errors.ToProblem();
    }

    /// <summary>The report for <paramref name="period"/>, from the histograms of its days (also what the benchmark times).</summary>
    public static async Task<ResponseTimeReport> ReadAsync(NpgsqlDataSource dataSource, ReportPeriod period, CancellationToken cancellationToken)
    {
        var weeks = new SortedDictionary<(DateOnly Monday, string Priority), KindTallies>(
            Comparer<(DateOnly Monday, string Priority)>.Create((a, b) => a.Monday != b.Monday ? a.Monday.CompareTo(b.Monday) : string.CompareOrdinal(a.Priority, b.Priority)));
        // "Nobody" (closed before any reply) is a key of its own, the empty id, as it was in the FULL JOIN on agents.
        var agents = new Dictionary<Guid, (Guid? Id, KindTallies Tallies)>();
        await using (var batch = dataSource.CreateBatch())
        {
            batch.BatchCommands.Add(ResponseTimeHistograms.Read(period));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // Week rows per priority count only in the table per week, week rows per agent only in
                // the table per agent; day rows (the period's ends) count in both.
                var span = reader.GetString(0);
                var kind = Array.IndexOf(Kinds, reader.GetString(2));
                var agentId = reader.IsDBNull(4) ? (Guid?)null : reader.GetGuid(4);
                var name = reader.IsDBNull(5) ? null : reader.GetString(5);
                var (responses, met) = (reader.GetInt64(6), reader.GetInt64(7));
                var bucketCounts = reader.GetFieldValue<long[]>(8);
                if (span != ResponseTimeHistograms.WeekPerAgentSpan)
                {
                    var week = (ReportPeriod.MondayOf(reader.GetFieldValue<DateOnly>(1)), reader.IsDBNull(3) ? "" : reader.GetString(3));
                    if (!weeks.TryGetValue(week, out var perWeek))
                    {
                        weeks[week] = perWeek = new KindTallies();
                    }

                    perWeek.Add(kind, responses, met, bucketCounts, name);
                }

                if (span == ResponseTimeHistograms.WeekPerPrioritySpan)
                {
                    continue;
                }

                if (!agents.TryGetValue(agentId ?? Guid.Empty, out var perAgent))
                {
                    agents[agentId ?? Guid.Empty] = perAgent = (agentId, new KindTallies());
                }

                perAgent.Tallies.Add(kind, responses, met, bucketCounts, name);
            }
        }

        // Agents by name as PostgreSQL orders names (then id, nobody last), as the report listed them when it sorted them.
        var nameOrder = await NameOrderAsync(dataSource, agents.Values.SelectMany(a => a.Tallies.Names).Distinct(StringComparer.Ordinal), cancellationToken);
        var rows = weeks.Select(w => new ResponseTimeRow(ReportPeriod.WeekOf(w.Key.Monday), w.Key.Monday, w.Key.Priority, w.Value.Figures(0), w.Value.Figures(1), w.Value.Figures(2))).ToList();
        var byAgent = agents.Values
            .Select(a => (a.Id, Name: a.Tallies.Name(nameOrder), a.Tallies))
            .OrderBy(a => a.Name is { } name ? nameOrder[name] : int.MaxValue)
            .ThenBy(a => a.Id is null)
            .ThenBy(a => a.Id?.ToString(), StringComparer.Ordinal)
            .Select(a => new AgentResponseTimes(a.Id, a.Name, a.Tallies.Figures(0), a.Tallies.Figures(1), a.Tallies.Figures(2)))
            .ToList();
        return new ResponseTimeReport(period.From, period.To, rows, byAgent);
    }

    /// <summary>Each name's place in PostgreSQL's order of them (its collation, as <c>ORDER BY</c> and <c>max</c> use).</summary>
    private static async Task<Dictionary<string, int>> NameOrderAsync(NpgsqlDataSource dataSource, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(ResponseTimeHistograms.InNameOrder(names));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            order[reader.GetString(0)] = order.Count;
        }

        return order;
    }

    /// <summary>One group's first responses, resolutions and next responses, merged from its day and week rows.</summary>
    private sealed class KindTallies
    {
        private readonly Tally[] tallies = [new(), new(), new()];

        public IEnumerable<string> Names => tallies.SelectMany(t => t.Names);

        /// <summary>
        /// The name the report shows: of the first responses, else the resolutions, else the next
        /// responses, each the greatest in PostgreSQL's order, as <c>max(name)</c> was.
        /// </summary>
        public string? Name(IReadOnlyDictionary<string, int> order) =>
            tallies.Select(t => t.Names.MaxBy(n => order[n])).FirstOrDefault(n => n is not null);

        public void Add(int kind, long responses, long met, long[] bucketCounts, string? name) => tallies[kind].Add(responses, met, bucketCounts, name);

        public TimeFigures Figures(int kind) => tallies[kind].Figures();
    }

    private sealed class Tally
    {
        private readonly List<long> counted = [];
        private readonly HashSet<string> names = new(StringComparer.Ordinal);
        private long responses;
        private long met;

        public IEnumerable<string> Names => names;

        public void Add(long count, long targetsMet, long[] bucketCounts, string? name)
        {
            responses += count;
            met += targetsMet;
            if (name is not null)
            {
                names.Add(name);
            }

            foreach (var bucketCount in bucketCounts)
            {
                var bucket = ResponseTimeHistograms.BucketOf(bucketCount);
                while (counted.Count <= bucket)
                {
                    counted.Add(0);
                }

                counted[bucket] += ResponseTimeHistograms.CountOf(bucketCount);
            }
        }

        public TimeFigures Figures() => new(
            responses,
            BusinessMinuteBuckets.Percentile(counted, 0.5) is { } median ? Math.Round(median, 1) : null,
            BusinessMinuteBuckets.Percentile(counted, 0.9) is { } p90 ? Math.Round(p90, 1) : null,
            met);
    }
}
