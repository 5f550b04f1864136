using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportPlatform.Agent.Backends;
using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Agent.Pages.Admin;

/// <summary>
/// How far the event log's consumers are behind: the integration publisher (receipts and replies
/// go out only after it) and the read models (the queue, retention). A stalled row means the
/// watchdog found it stuck and restarted it; /health says the same to the orchestrator.
/// </summary>
public sealed class OperationsModel(InquiryClient inquiries) : PageModel
{
    public EventLogProgress? Progress { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var result = await inquiries.EventLogProgressAsync(cancellationToken);
        Progress = result.Value;
        Error = result.Problem?.Message;
    }

    public static string Describe(string shard) => shard switch
    {
        "integration-publisher:All" => "메시지 발행 (이메일·검색 연동) Integration publisher",
        "queue:All" => "문의 대기열 Queue read model",
        "retention-index:All" => "보존 색인 Retention index",
        "HighWaterMark" => "이벤트 기록 최고 수위 High-water mark",
        _ => shard,
    };
}
