using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Http;
using SupportPlatform.Inquiry.Inquiries.Prioritising;
using SupportPlatform.ServiceDefaults.Http;

namespace SupportPlatform.Inquiry.ServiceLevels.Revising;

/// <summary>The whole policy and calendar as the admin wants them: every priority's targets, and the full list of exceptions.</summary>
public sealed record ReviseServiceLevelsRequest(IReadOnlyList<PriorityTargetsRequest>? Targets, IReadOnlyList<CalendarExceptionRequest>? Exceptions);

/// <summary>Business minutes per target of one priority (low, normal, high, urgent).</summary>
public sealed record PriorityTargetsRequest(string? Priority, int? FirstResponseMinutes, int? NextResponseMinutes, int? ResolutionMinutes);

/// <summary>A date (yyyy-MM-dd) with its reason; Start and End (HH:mm) make it an extra working day, neither a closure.</summary>
public sealed record CalendarExceptionRequest(string? Date, string? Reason, string? Start, string? End);

/// <summary>Reading and revising the SLA policy and the calendar's exceptions, and their history (admins).</summary>
public static class ReviseServiceLevels
{
    /// <summary>A year of business time: anything longer is a typing slip, not a target.</summary>
    public const int MaxMinutes = 525_600;

    public const int MaxExceptions = 1_000;

    public const int MaxReasonLength = 100;

    /// <summary>The years the public holidays are computed for (the BCL's Korean lunisolar calendar ends in 2050).</summary>
    public const int FirstYear = 2000;

    public const int LastYear = 2050;

    public static RouteGroupBuilder MapReviseServiceLevels(this RouteGroupBuilder admin)
    {
        admin.MapGet("/", GetAsync)
            .WithName("GetServiceLevels")
            .WithSummary("The SLA policy and the calendar's exceptions in force, as their latest revision; the ETag is the revision number.");
        admin.MapPut("/", PutAsync)
            .WithName("ReviseServiceLevels")
            .WithSummary("Saves the policy and the exceptions as the next revision. If-Match: the revision it was edited from. Figures already measured stay until the read models are rebuilt.");
        admin.MapGet("/revisions", async (ServiceLevelRevisions revisions, CancellationToken cancellationToken) => TypedResults.Ok(await revisions.HistoryAsync(cancellationToken)))
            .WithName("GetServiceLevelRevisions")
            .WithSummary("Every revision, newest first: who (staff id) saved it when, and what it changed.");
        return admin;
    }

    private static async Task<Results<Ok<ServiceLevelSettings>, ProblemHttpResult>> GetAsync(ServiceLevelRevisions revisions, HttpContext http, CancellationToken cancellationToken)
    {
        if (await revisions.CurrentAsync(cancellationToken) is not { } current)
        {
            return NotRecordedYet();
        }

        http.Response.SetVersionTag(current.Number);
        return TypedResults.Ok(current.ToView());
    }

    private static async Task<Results<Ok<ServiceLevelSettings>, ValidationProblem, ProblemHttpResult>> PutAsync(
        ReviseServiceLevelsRequest? request, HttpContext http, ServiceLevelRevisions revisions, TimeProvider time, CancellationToken cancellationToken)
    {
        switch (http.Request.TryReadIfMatch(out var expected))
        {
            case null:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required", detail: "Send the ETag (revision number) the policy was read at.");
            case false:
                return Problems.Invalid("If-Match", "Send the ETag of the revision as it was read, e.g. \"3\".");
        }

        var errors = new FieldErrors();
        var targets = ValidTargets(request?.Targets, errors);
        var exceptions = ValidExceptions(request?.Exceptions, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await revisions.CurrentAsync(cancellationToken) is not { } current)
        {
            return NotRecordedYet();
        }

        // Saving what is already in force would only add a revision that changes nothing.
        if (current.Number == expected
            && ServiceLevelChanges.Between(current.Settings, ServiceLevelSettingsViews.ToSettings(current.Settings.Policy.Revision, targets, exceptions)).Count == 0)
        {
            http.Response.SetVersionTag(current.Number);
            return TypedResults.Ok(current.ToView());
        }

        var saved = expected > int.MaxValue ? null : await revisions.SaveAsync(
            (int)expected, name => ServiceLevelSettingsViews.ToSettings(name, targets, exceptions), http.User.Member().Id, time.GetUtcNow(), cancellationToken);
        if (saved is null)
        {
            var latest = (await revisions.CurrentAsync(cancellationToken))!.Number;
            return TypedResults.Problem(
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: "The policy changed",
                detail: $"Someone saved revision {latest} meanwhile. Reload it and make your change again.",
                extensions: new Dictionary<string, object?> { ["currentVersion"] = latest });
        }

        http.Response.SetVersionTag(saved.Number);
        return TypedResults.Ok(saved.ToView());
    }

    private static List<PriorityTargets> ValidTargets(IReadOnlyList<PriorityTargetsRequest>? rows, FieldErrors errors)
    {
        var valid = new List<PriorityTargets>();
        if (rows is null)
        {
            errors.Add("targets", "Give the targets of every priority: low, normal, high, urgent.");
            return valid;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var field = $"targets[{i}]";
            var priority = Prioritise.Parse(row?.Priority);
            if (priority is null)
            {
                errors.Add($"{field}.priority", "One of low, normal, high, urgent.");
            }
            else if (valid.Any(v => v.Priority == Prioritise.NameOf(priority.Value)))
            {
                errors.Add($"{field}.priority", "Each priority once.");
            }

            var first = Minutes(row?.FirstResponseMinutes, $"{field}.firstResponseMinutes", errors);
            var next = Minutes(row?.NextResponseMinutes, $"{field}.nextResponseMinutes", errors);
            var resolution = Minutes(row?.ResolutionMinutes, $"{field}.resolutionMinutes", errors);
            if (priority is { } p && first is { } f && next is { } n && resolution is { } r)
            {
                valid.Add(new(Prioritise.NameOf(p), f, n, r));
            }
        }

        if (!errors.Any && valid.Count != Enum.GetValues<Domain.Priority>().Length)
        {
            errors.Add("targets", "Give the targets of every priority: low, normal, high, urgent.");
        }

        return valid;
    }

    private static int? Minutes(int? value, string field, FieldErrors errors)
    {
        if (value is not (> 0 and <= MaxMinutes))
        {
            errors.Add(field, $"Whole business minutes from 1 to {MaxMinutes}.");
            return null;
        }

        return value;
    }

    private static List<CalendarExceptionView> ValidExceptions(IReadOnlyList<CalendarExceptionRequest>? rows, FieldErrors errors)
    {
        var valid = new List<CalendarExceptionView>();
        var seen = new HashSet<DateOnly>();
        rows ??= [];
        if (rows.Count > MaxExceptions)
        {
            errors.Add("exceptions", $"At most {MaxExceptions} dates.");
            return valid;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var field = $"exceptions[{i}]";
            DateOnly? date = null;
            if (!DateOnly.TryParseExact(row?.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                errors.Add($"{field}.date", "A date as yyyy-MM-dd.");
            }
            else if (parsed.Year is < FirstYear or > LastYear)
            {
                errors.Add($"{field}.date", $"A date from {FirstYear} to {LastYear}.");
            }
            else if (!seen.Add(parsed))
            {
                errors.Add($"{field}.date", "Each date once.");
            }
            else
            {
                date = parsed;
            }

            var reason = errors.Text($"{field}.reason", row?.Reason, MaxReasonLength, required: true);
            var start = Time(row?.Start, $"{field}.start", errors);
            var end = Time(row?.End, $"{field}.end", errors);
            if ((start is null) != (end is null) || (start is { } s && end is { } e && e <= s))
            {
                errors.Add($"{field}.end", "An extra working day needs a start and a later end (HH:mm); a closure neither.");
            }
            else if (date is { } d && reason is not null && !errors.Any)
            {
                valid.Add(new(d, reason, start, end));
            }
        }

        return valid;
    }

    private static TimeOnly? Time(string? value, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!TimeOnly.TryParseExact(value.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            errors.Add(field, "A time as HH:mm.");
            return null;
        }

        return time;
    }

    /// <summary>The start records the first revision before the service answers; only a database emptied under it lacks one.</summary>
    private static ProblemHttpResult NotRecordedYet() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable, title: "No service-level revision yet", detail: "Restart the service to record the configured policy.");
}
