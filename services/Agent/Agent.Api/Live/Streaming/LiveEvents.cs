using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SupportPlatform.Agent.Http;
using SupportPlatform.Agent.Live.Watching;
using SupportPlatform.ServiceDefaults;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Agent.Live.Streaming;

/// <summary>A page's report of what its member is doing (<c>POST /live/presence</c>).</summary>
public sealed record PresenceReport(Guid? InquiryId, Guid? ConnectionId, string? Activity);

/// <summary>
/// The live desk's two endpoints. <c>GET /live/events[?inquiry={id}]</c> is a Server-Sent Events
/// stream: <c>hello</c> (the page's connection id), <c>inquiry</c> (an id and what changed; the
/// queue gets every inquiry, an inquiry page only its own) and, on an inquiry page,
/// <c>presence</c> (the colleagues who have it open and whether they are typing). Opening it with
/// an inquiry announces the member as viewing; closing it, as gone. <c>POST /live/presence</c>
/// switches between viewing and typing. live-desk.js consumes both; without it the pages are as before.
/// </summary>
public static class LiveEvents
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapLiveEvents(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/live/events", StreamAsync).RequireAuthorization(StaffRoles.Agent).WithName("LiveDeskEvents");
        routes.MapPost("/live/presence", ReportAsync).RequireAuthorization(StaffRoles.Agent).WithName("ReportPresence").DisableAntiforgery();
        return routes;
    }

    private static async Task StreamAsync(
        Guid? inquiry, HttpContext http, DeskSignals signals, PresenceBoard board, IPublishEndpoint bus, StaffNames names,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<DeskSignals> logger, CancellationToken cancellationToken)
    {
        var me = http.User.StaffId();
        var connectionId = Guid.NewGuid();
        var serializer = json.Value.SerializerOptions;
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var (subscription, reader) = signals.Subscribe();
        try
        {
            await WriteAsync(http, "hello", JsonSerializer.Serialize(new { connectionId }, serializer), cancellationToken);
            if (inquiry is { } watched)
            {
                await AnnounceAsync(() => board.JoinAsync(bus, watched, connectionId, me, cancellationToken), logger);
                await WritePresenceAsync(http, board, names, watched, me, serializer, cancellationToken);
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(KeepAlive);
                DeskSignal signal;
                try
                {
                    signal = await reader.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Proxies close idle streams; a comment line keeps this one open.
                    await http.Response.WriteAsync(": keep-alive\n\n", cancellationToken);
                    await http.Response.Body.FlushAsync(cancellationToken);
                    continue;
                }

                if (inquiry is { } id && signal.InquiryId != id)
                {
                    continue;
                }

                switch (signal)
                {
                    case InquiryChanged changed:
                        await WriteAsync(http, "inquiry", JsonSerializer.Serialize(new { changed.InquiryId, changed.Change }, serializer), cancellationToken);
                        break;
                    case PresenceChanged when inquiry is { } page:
                        await WritePresenceAsync(http, board, names, page, me, serializer, cancellationToken);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page closed or navigated away.
        }
        finally
        {
            signals.Unsubscribe(subscription);
            if (inquiry is { } left)
            {
                // The request is over; a broker that does not answer soon must not hold the connection's end.
                using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await AnnounceAsync(() => board.LeaveAsync(bus, left, connectionId, me, bounded.Token), logger);
            }
        }
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ReportAsync(
        PresenceReport? report, HttpContext http, IAntiforgery antiforgery, PresenceBoard board, IPublishEndpoint bus, CancellationToken cancellationToken)
    {
        // The sign-in cookie is SameSite=Strict already; the page's antiforgery token makes the check the forms' one.
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The antiforgery token is missing or invalid.");
        }

        var errors = new FieldErrors();
        if (report?.InquiryId is null)
        {
            errors.Add("inquiryId", "Required.");
        }

        if (report?.ConnectionId is null)
        {
            errors.Add("connectionId", "Required: the id the event stream's hello gave.");
        }

        if (!Activities.IsSettable(report?.Activity))
        {
            errors.Add("activity", $"One of {Activities.Viewing}, {Activities.Typing}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // Any replica may take the report: the replica serving the page's stream learns it from the broker too.
        await board.SetActivityAsync(bus, report!.InquiryId!.Value, report.ConnectionId!.Value, http.User.StaffId(), report.Activity!, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task WritePresenceAsync(
        HttpContext http, PresenceBoard board, StaffNames names, Guid inquiryId, Guid me, JsonSerializerOptions serializer, CancellationToken cancellationToken)
    {
        var others = board.Others(inquiryId, me);
        var named = await names.ForAsync([.. others.Select(o => o.StaffId)], cancellationToken);
        await WriteAsync(http, "presence", JsonSerializer.Serialize(others.Select(o => new { name = named[o.StaffId], activity = o.Activity }), serializer), cancellationToken);
    }

    private static async Task WriteAsync(HttpContext http, string name, string data, CancellationToken cancellationToken)
    {
        await http.Response.WriteAsync($"event: {name}\ndata: {data}\n\n", cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>Presence is a courtesy: with the broker away the page still works, and the 412 still guards a double answer.</summary>
    private static async Task AnnounceAsync(Func<Task> publish, ILogger logger)
    {
        try
        {
            await publish();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Presence not announced");
        }
    }
}
