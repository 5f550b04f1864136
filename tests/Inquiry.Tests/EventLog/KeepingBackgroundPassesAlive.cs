using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SupportPlatform.Postgres;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.EventLog;

/// <summary>
/// Issue 26's leader-kill: on an overloaded server a connection timed out inside a Marten query of
/// the SLA warning pass; Marten wrapped the <see cref="NpgsqlException"/>, the pass loop let the
/// wrapper through, and the host stopped (BackgroundServiceExceptionBehavior.StopHost): the surviving
/// Inquiry replica went down with the leader. A database fault is a database fault inside a wrapper too.
/// </summary>
public sealed class KeepingBackgroundPassesAlive
{
    [Fact]
    public async Task A_database_fault_inside_a_wrapper_is_left_to_the_next_tick_and_the_loop_goes_on()
    {
        var time = new FakeTimeProvider();
        var passes = 0;
        var firstPass = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var nextPass = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopping = new CancellationTokenSource();
        var loop = PeriodicPasses.RunEveryAsync(
            TimeSpan.FromMinutes(1),
            time,
            _ =>
            {
                if (Interlocked.Increment(ref passes) == 1)
                {
                    firstPass.TrySetResult();
                    // As Marten throws it: its command exception around Npgsql's timeout.
                    throw new InvalidOperationException("Marten Command Failure", new NpgsqlException("The operation has timed out", new TimeoutException()));
                }

                nextPass.TrySetResult();
                return Task.CompletedTask;
            },
            NullLogger.Instance,
            "pass failed",
            stopping.Token);

        // One tick at a time: a PeriodicTimer keeps one pending tick, so a second tick before the
        // loop took the first would be lost (under load the loop's continuation came late).
        time.Advance(TimeSpan.FromMinutes(1));
        await firstPass.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromMinutes(1));
        await nextPass.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stopping.CancelAsync();
        await loop;

        Assert.True(passes >= 2);
    }

    [Fact]
    public void Only_database_faults_count_as_such()
    {
        Assert.True(PeriodicPasses.IsDatabaseFault(new NpgsqlException("refused")));
        Assert.True(PeriodicPasses.IsDatabaseFault(new InvalidOperationException("wrapper", new TimeoutException())));
        Assert.False(PeriodicPasses.IsDatabaseFault(new InvalidOperationException("a bug", new ArgumentException("bad"))));
    }
}
