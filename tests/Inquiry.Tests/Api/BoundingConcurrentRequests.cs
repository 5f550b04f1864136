using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Npgsql;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Api;

/// <summary>
/// Issue 26's leader-kill: under overload requests held every pooled connection and Marten's daemon
/// could not take its leadership locks. A replica now runs at most <c>RequestConcurrency:Limit</c>
/// requests, below the pool (ASP.NET Core's rate limiting middleware with a global concurrency
/// limiter); the rest wait their turn in memory, and past the wait get 503. The probes are never held back.
/// </summary>
public sealed class BoundingConcurrentRequests(BoundingConcurrentRequests.OneAtATime api) : IClassFixture<BoundingConcurrentRequests.OneAtATime>
{
    [Fact]
    public async Task A_request_past_the_bound_waits_then_gets_503_problem_details_while_the_probes_answer()
    {
        using var refusals = new RefusalCount();
        // The first submission takes the only place and waits for a table lock held here.
        await using var blocker = await api.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var lockStreams = new NpgsqlCommand("LOCK TABLE inquiry.mt_streams IN EXCLUSIVE MODE", blocker, transaction))
        {
            await lockStreams.ExecuteNonQueryAsync();
        }

        using var first = api.Customer();
        var holding = first.PostAsJsonAsync("/api/inquiries", Requests.Valid());
        await Eventually.TrueAsync(
            async () => await api.Database.ScalarAsync<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0,
            "the first submission waits for the lock");

        using var second = api.Customer();
        var waiting = Stopwatch.StartNew();
        var refused = await second.PostAsJsonAsync("/api/inquiries", Requests.Valid());
        var waited = waiting.Elapsed;
        var alive = await second.GetAsync("/alive");
        var health = await second.GetAsync("/health");
        var refusedWhileHeld = refusals.Value;

        await transaction.RollbackAsync();
        var held = await holding;
        var after = await second.PostAsJsonAsync("/api/inquiries", Requests.Valid());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        Assert.True(waited >= TimeSpan.FromSeconds(1.9), $"refused after its wait (QueueTimeout 2 s), not at once: {waited}");
        Assert.Equal(1L, refusedWhileHeld);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Created, held.StatusCode);
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        Assert.Equal(2L, await api.Database.ScalarAsync<long>("SELECT count(*) FROM inquiry.mt_streams"));
    }

    /// <summary>What <c>supportplatform.http.requests.refused_busy</c> counts while it is listened to.</summary>
    private sealed class RefusalCount : IDisposable
    {
        private readonly MeterListener listener = new();
        private long value;

        public RefusalCount()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "supportplatform.http.requests.refused_busy")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, measurement, _, _) => Interlocked.Add(ref value, measurement));
            listener.Start();
        }

        public long Value => Interlocked.Read(ref value);

        public void Dispose() => listener.Dispose();
    }

    /// <summary>One request at a time, one waiting for at most 2 s.</summary>
    public sealed class OneAtATime : InquiryApi
    {
        protected override void ConfigureService(ServiceFactory<Program> service)
        {
            service.Settings["RequestConcurrency:Limit"] = "1";
            service.Settings["RequestConcurrency:QueueLimit"] = "1";
            service.Settings["RequestConcurrency:QueueTimeout"] = "00:00:02";
        }
    }
}

public sealed class StartingWithABoundAbovePool(PostgresDatabase database, RabbitMqVhost vhost) : IClassFixture<PostgresDatabase>, IClassFixture<RabbitMqVhost>
{
    [Fact]
    public void The_service_refuses_a_request_bound_that_leaves_no_connection_to_the_daemon()
    {
        using var service = new ServiceFactory<Program>(database, vhost);
        service.Settings["PersonalData:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        service.Settings["PersonalData:LookupKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        service.Settings["RequestConcurrency:Limit"] = new NpgsqlConnectionStringBuilder(database.ConnectionString).MaxPoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var error = Assert.ThrowsAny<Exception>(() => service.CreateClient());

        Assert.Contains("RequestConcurrency:Limit must be below the PostgreSQL pool", error.ToString(), StringComparison.Ordinal);
    }
}
