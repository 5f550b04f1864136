using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Backends;
using SupportPlatform.Agent.Http;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Agent.Pages.Admin;

/// <summary>One row of the targets form: a priority's business minutes, as typed.</summary>
public sealed class TargetsInput
{
    public string Priority { get; set; } = "";

    public int? FirstResponseMinutes { get; set; }

    public int? NextResponseMinutes { get; set; }

    public int? ResolutionMinutes { get; set; }
}

/// <summary>
/// SLA 정책과 영업일 예외 (/admin/service-levels): the targets per priority and the calendar's
/// closures and extra working days as Inquiry holds them in revisions, a form that saves the next
/// revision (If-Match: the revision it was filled from), the history of every revision, and the
/// rebuild that measures the past again with the revision in force. Inquiry validates; the page
/// puts its field errors beside the inputs and lines they name.
/// </summary>
public sealed partial class ServiceLevelsModel(InquiryClient inquiries) : PageModel
{
    [BindProperty]
    public int Revision { get; set; }

    [BindProperty]
    public List<TargetsInput> Targets { get; set; } = [];

    /// <summary>One exception a line: <c>2026-06-03 지방선거</c> (closed) or <c>2026-02-14 10:00-14:00 보충 근무</c> (extra working day).</summary>
    [BindProperty]
    public string? ExceptionsText { get; set; }

    public ServiceLevelSettings? Settings { get; private set; }

    public ServiceLevelHistory? History { get; private set; }

    public ReadModelRebuildStatus? Rebuild { get; private set; }

    public string? Error { get; private set; }

    public string? Done { get; private set; }

    public IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Fill();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var body = new
        {
            targets = Targets.Select(t => new { priority = t.Priority, t.FirstResponseMinutes, t.NextResponseMinutes, t.ResolutionMinutes }),
            exceptions = ExceptionLines.Parse(ExceptionsText),
        };
        var result = await inquiries.ReviseServiceLevelsAsync(Revision, body, cancellationToken);
        await LoadAsync(cancellationToken);
        if (result.Value is { } saved)
        {
            Done = saved.Revision == Revision
                ? "바뀐 내용이 없어 새 개정을 만들지 않았습니다. (Nothing changed; no new revision.)"
                : $"개정 {saved.Revision}({saved.Name})을 저장했습니다. 새로 들어오는 이벤트부터 적용되며, 지난 수치는 아래에서 재계산하면 바뀝니다. (Saved revision {saved.Revision}: it applies from now on; rebuild below to measure the past with it.)";
            Fill();
            return Page();
        }

        var problem = result.Problem!;
        FieldErrors = problem.Errors;
        Error = problem.Status switch
        {
            HttpStatusCode.PreconditionFailed =>
                $"그 사이 다른 관리자가 개정 {problem.CurrentVersion}을 저장했습니다. 아래 최신 개정을 확인하고 다시 변경해 주세요. (Someone saved revision {problem.CurrentVersion} meanwhile; your change was not saved.)",
            HttpStatusCode.BadRequest => "입력한 값을 확인해 주세요. 잘못된 칸과 줄을 아래에 표시했습니다. (Check the marked fields and lines.)",
            _ => $"저장하지 못했습니다. (Not saved.) {problem.Message}",
        };
        if (problem.Status == HttpStatusCode.PreconditionFailed)
        {
            Fill();
        }

        Response.StatusCode = (int)problem.Status;
        return Page();
    }

    public async Task<IActionResult> OnPostRebuildAsync(CancellationToken cancellationToken)
    {
        var result = await inquiries.RebuildReadModelsAsync(cancellationToken);
        if (result.Problem is { } problem)
        {
            Error = problem.Status == HttpStatusCode.Conflict
                ? "이미 재계산이 진행 중입니다. 끝난 뒤 다시 요청하세요. (A rebuild is already under way.)"
                : $"재계산을 요청하지 못했습니다. (Could not ask for a rebuild.) {problem.Message}";
        }
        else
        {
            Done = "재계산을 요청했습니다. 진행률은 아래에 표시되며, 새로 고침으로 확인할 수 있습니다. (Rebuild requested; refresh to follow it.)";
        }

        await LoadAsync(cancellationToken);
        Fill();
        return Page();
    }

    public string? FieldError(string field) => FieldErrors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>The errors Inquiry gave for the exception lines, by line number (1-based), with the Korean for each field.</summary>
    public IEnumerable<string> ExceptionErrors() => FieldErrors
        .Select(e => (Match: ExceptionField().Match(e.Key), Messages: e.Value))
        .Where(e => e.Match.Success)
        .OrderBy(e => int.Parse(e.Match.Groups[1].Value, CultureInfo.InvariantCulture))
        .Select(e => $"{int.Parse(e.Match.Groups[1].Value, CultureInfo.InvariantCulture) + 1}번째 줄: {ExceptionFieldName(e.Match.Groups[2].Value)} ({string.Join(" ", e.Messages)})")
        .Concat(FieldError("exceptions") is { } all ? [all] : []);

    /// <summary>A history entry's item in Korean: a target (<c>urgent.first-response</c>) or a date.</summary>
    public static string ItemName(string item) => item.Split('.') is [var priority, var kind]
        ? $"{Display.Priority(priority)} · {Display.TargetKind(kind)}"
        : item;

    /// <summary>A history entry's value in Korean: minutes of a target, or what a date is.</summary>
    public static string ValueName(string item, string? value) => value switch
    {
        null => "—",
        _ when item.Contains('.') && int.TryParse(value, CultureInfo.InvariantCulture, out var minutes) => Display.BusinessMinutes(minutes),
        _ when value.StartsWith("closed: ", StringComparison.Ordinal) => $"휴무 Closed: {value["closed: ".Length..]}",
        _ => $"근무 Working {value}",
    };

    /// <summary>How far a read model is: applied events of the high-water mark.</summary>
    public static (long Done, long Total) Progress(ReadModelPosition position) => (Math.Min(position.Sequence, position.HighWaterMark), position.HighWaterMark);

    public static string ReadModelName(string name) => name switch
    {
        "queue" => "문의 대기열 (기한) Queue due times",
        "response-time" => "응답·해결 시간 Response times",
        _ => name,
    };

    public static string RebuildState(string state) => state switch
    {
        "waiting" => "대기 중 Waiting",
        "running" => "진행 중 Running",
        "finished" => "완료 Finished",
        "failed" => "실패 Failed",
        _ => state,
    };

    private static string ExceptionFieldName(string field) => field switch
    {
        "date" => "날짜는 yyyy-MM-dd 형식, 2000–2050년, 한 번씩만 적을 수 있습니다",
        "reason" => "사유를 100자 이내로 적어 주세요",
        "start" or "end" => "추가 근무일은 HH:mm-HH:mm, 끝이 시작보다 늦어야 합니다",
        _ => field,
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var historyTask = inquiries.ServiceLevelHistoryAsync(cancellationToken);
        var rebuildTask = inquiries.ReadModelRebuildAsync(cancellationToken);
        var settings = await inquiries.ServiceLevelsAsync(cancellationToken);
        Settings = settings.Value;
        History = (await historyTask).Value;
        Rebuild = (await rebuildTask).Value;
        Error ??= settings.Problem?.Message;
    }

    /// <summary>Puts the revision in force into the form.</summary>
    private void Fill()
    {
        if (Settings is not { } settings)
        {
            return;
        }

        ModelState.Clear();
        Revision = settings.Revision;
        Targets = [.. settings.Targets.Select(t => new TargetsInput
        {
            Priority = t.Priority,
            FirstResponseMinutes = t.FirstResponseMinutes,
            NextResponseMinutes = t.NextResponseMinutes,
            ResolutionMinutes = t.ResolutionMinutes,
        })];
        ExceptionsText = ExceptionLines.Format(settings.Exceptions);
    }

    [GeneratedRegex(@"^exceptions\[(\d+)\]\.(\w+)$")]
    private static partial Regex ExceptionField();
}

/// <summary>
/// The calendar exceptions as lines an admin edits in one text box: <c>date [HH:mm-HH:mm] reason</c>.
/// Parsing only splits the line; Inquiry checks the values and names the line's fields in its errors.
/// </summary>
public static partial class ExceptionLines
{
    public sealed record Line(string Date, string Reason, string? Start, string? End);

    public static IReadOnlyList<Line> Parse(string? text) =>
        [.. (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(ParseLine)];

    public static string Format(IEnumerable<CalendarExceptionView> exceptions) => string.Join("\n", exceptions.Select(e =>
        e is { Start: { } start, End: { } end }
            ? $"{e.Date:yyyy-MM-dd} {start:HH\\:mm}-{end:HH\\:mm} {e.Reason}"
            : $"{e.Date:yyyy-MM-dd} {e.Reason}"));

    private static Line ParseLine(string line)
    {
        var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
        var rest = parts.Length > 1 ? parts[1] : "";
        return Hours().Match(rest) is { Success: true } hours
            ? new(parts[0], hours.Groups[3].Value, hours.Groups[1].Value, hours.Groups[2].Value)
            : new(parts[0], rest, null, null);
    }

    [GeneratedRegex(@"^(\d{1,2}:\d{2})\s*[-–~]\s*(\d{1,2}:\d{2})\s*(.*)$")]
    private static partial Regex Hours();
}
