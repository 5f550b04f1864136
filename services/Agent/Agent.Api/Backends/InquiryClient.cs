using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.ServiceDefaults.Clients;

namespace SupportPlatform.Agent.Backends;

/// <summary>
/// The queue filters the desk offers, as Inquiry's queue API takes them; <c>After</c>/<c>Before</c>
/// are the cursors of the page the desk walks from (<see cref="QueuePage.Next"/>, <see cref="QueuePage.Previous"/>).
/// </summary>
public sealed record QueueQuery(
    string? Status, string? Q, string? Assignee, string? WaitingOn, int? OlderThanDays, string? Sort, int PageSize, string? Priority = null,
    string? After = null, string? Before = null)
{
    public string ToQueryString()
    {
        var parts = new List<string>
        {
            $"pageSize={PageSize.ToString(CultureInfo.InvariantCulture)}",
        };
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("status", Status);
        Add("q", Q);
        Add("assignee", Assignee);
        Add("waitingOn", WaitingOn);
        Add("olderThanDays", OlderThanDays?.ToString(CultureInfo.InvariantCulture));
        Add("sort", Sort);
        Add("priority", Priority);
        Add("after", After);
        Add("before", Before);
        return string.Join('&', parts);
    }
}

public sealed class InquiryClient(HttpClient http) : BackendClient(http)
{
    public Task<ServiceResult<QueuePage>> ListQueueAsync(QueueQuery query, CancellationToken cancellationToken) =>
        GetAsync<QueuePage>($"/api/agent/inquiries?{query.ToQueryString()}", cancellationToken);

    /// <summary>Past inquiries whose texts hold the words of <paramref name="query"/>, best first (issue 25).</summary>
    public Task<ServiceResult<MessageSearchResults>> SearchMessagesAsync(string query, int limit, CancellationToken cancellationToken) =>
        GetAsync<MessageSearchResults>($"/api/agent/inquiries/search?limit={limit}&q={Uri.EscapeDataString(query)}", cancellationToken);

    /// <summary>비슷한 이전 문의: the inquiries sharing most terms with this one, without their summaries.</summary>
    public Task<ServiceResult<MessageSearchResults>> SimilarAsync(Guid id, int limit, CancellationToken cancellationToken) =>
        GetAsync<MessageSearchResults>($"/api/agent/inquiries/{id}/similar?limit={limit}", cancellationToken);

    public Task<ServiceResult<InquiryView>> GetAsync(Guid id, CancellationToken cancellationToken) =>
        GetAsync<InquiryView>($"/api/agent/inquiries/{id}", cancellationToken);

    public Task<ServiceResult<CommandAccepted>> ReplyAsync(Guid id, long version, string body, CancellationToken cancellationToken) =>
        CommandAsync(id, "replies", version, new { body }, cancellationToken);

    public Task<ServiceResult<CommandAccepted>> NoteAsync(Guid id, long version, string body, CancellationToken cancellationToken) =>
        CommandAsync(id, "notes", version, new { body }, cancellationToken);

    public Task<ServiceResult<CommandAccepted>> AssignAsync(Guid id, long version, Guid? assigneeId, string? assigneeName, CancellationToken cancellationToken) =>
        CommandAsync(id, "assign", version, assigneeId is null ? new { } : new { assigneeId, assigneeName }, cancellationToken);

    public Task<ServiceResult<CommandAccepted>> PrioritiseAsync(Guid id, long version, string priority, CancellationToken cancellationToken) =>
        CommandAsync(id, "priority", version, new { priority }, cancellationToken);

    public Task<ServiceResult<CommandAccepted>> CategoriseAsync(Guid id, long version, string category, CancellationToken cancellationToken) =>
        CommandAsync(id, "category", version, new { category }, cancellationToken);

    public Task<ServiceResult<CommandAccepted>> CloseAsync(Guid id, long version, CancellationToken cancellationToken) =>
        CommandAsync(id, "close", version, null, cancellationToken);

    public Task<ServiceResult<CommandAccepted>> ReopenAsync(Guid id, long version, CancellationToken cancellationToken) =>
        CommandAsync(id, "reopen", version, null, cancellationToken);

    /// <summary>Accepts a held email as the customer's message, or discards it (issue 21).</summary>
    public Task<ServiceResult<CommandAccepted>> ResolveHeldEmailAsync(Guid id, long version, Guid heldEmailId, bool accept, CancellationToken cancellationToken) =>
        CommandAsync(id, $"held-emails/{heldEmailId}", version, new { accept }, cancellationToken);

    /// <summary>The attachment as the service streams it; the caller disposes the response.</summary>
    public Task<HttpResponseMessage> DownloadAsync(Guid id, Guid attachmentId, CancellationToken cancellationToken) =>
        Http.GetAsync($"/api/agent/inquiries/{id}/attachments/{attachmentId}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public Task<ServiceResult<Inquiry.Contracts.EventLogProgress>> EventLogProgressAsync(CancellationToken cancellationToken) =>
        GetAsync<Inquiry.Contracts.EventLogProgress>("/api/operations/event-log", cancellationToken);

    public Task<ServiceResult<Inquiry.Contracts.KeyRotationStatus>> KeyRotationStatusAsync(CancellationToken cancellationToken) =>
        GetAsync<Inquiry.Contracts.KeyRotationStatus>("/api/operations/keys", cancellationToken);

    /// <summary>The SLA policy and calendar exceptions in force (admins); the ETag is the revision number.</summary>
    public Task<ServiceResult<ServiceLevelSettings>> ServiceLevelsAsync(CancellationToken cancellationToken) =>
        GetAsync<ServiceLevelSettings>("/api/operations/service-levels", cancellationToken);

    /// <summary>Saves the next revision; <paramref name="revision"/> is the one the form was filled from (a newer one → 412).</summary>
    public Task<ServiceResult<ServiceLevelSettings>> ReviseServiceLevelsAsync(int revision, object settings, CancellationToken cancellationToken) =>
        PostAsync<ServiceLevelSettings>(
            "/api/operations/service-levels", settings, $"\"{revision.ToString(CultureInfo.InvariantCulture)}\"", cancellationToken, HttpMethod.Put);

    public Task<ServiceResult<ServiceLevelHistory>> ServiceLevelHistoryAsync(CancellationToken cancellationToken) =>
        GetAsync<ServiceLevelHistory>("/api/operations/service-levels/revisions", cancellationToken);

    public Task<ServiceResult<ReadModelRebuildStatus>> ReadModelRebuildAsync(CancellationToken cancellationToken) =>
        GetAsync<ReadModelRebuildStatus>("/api/operations/service-levels/rebuilds", cancellationToken);

    /// <summary>Asks for the SLA read models to be measured again with the revision in force (202; 409 while one runs).</summary>
    public Task<ServiceResult<ReadModelRebuildStatus>> RebuildReadModelsAsync(CancellationToken cancellationToken) =>
        PostAsync<ReadModelRebuildStatus>("/api/operations/service-levels/rebuilds", null, null, cancellationToken);

    /// <summary>The satisfaction figures from <paramref name="from"/> to <paramref name="to"/> (yyyy-MM-dd as typed; Inquiry validates them and defaults either left out).</summary>
    public Task<ServiceResult<SatisfactionReport>> SatisfactionReportAsync(string? from, string? to, CancellationToken cancellationToken) =>
        GetAsync<SatisfactionReport>(
            $"/api/agent/inquiries/satisfaction?from={Uri.EscapeDataString(from ?? string.Empty)}&to={Uri.EscapeDataString(to ?? string.Empty)}", cancellationToken);

    /// <summary>The backlog now and the intake from <paramref name="from"/> to <paramref name="to"/> (as <see cref="SatisfactionReportAsync"/> takes them).</summary>
    public Task<ServiceResult<WorkloadReport>> WorkloadReportAsync(string? from, string? to, CancellationToken cancellationToken) =>
        GetAsync<WorkloadReport>(
            $"/api/agent/inquiries/workload?from={Uri.EscapeDataString(from ?? string.Empty)}&to={Uri.EscapeDataString(to ?? string.Empty)}", cancellationToken);

    /// <summary>First-response and resolution times per week and priority from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public Task<ServiceResult<ResponseTimeReport>> ResponseTimeReportAsync(string? from, string? to, CancellationToken cancellationToken) =>
        GetAsync<ResponseTimeReport>(
            $"/api/agent/inquiries/response-times?from={Uri.EscapeDataString(from ?? string.Empty)}&to={Uri.EscapeDataString(to ?? string.Empty)}", cancellationToken);

    public Task<ServiceResult<RetentionReport>> RetentionReportAsync(CancellationToken cancellationToken) =>
        GetAsync<RetentionReport>("/api/compliance/retention-report", cancellationToken);

    public async Task<HttpResponseMessage> RetentionReportCsvAsync(CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/compliance/retention-report");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        return await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    public Task<ServiceResult<RetentionRunSummary>> RunRetentionAsync(bool dryRun, CancellationToken cancellationToken) =>
        PostAsync<RetentionRunSummary>("/api/compliance/retention-runs", new { dryRun }, null, cancellationToken);

    public Task<ServiceResult<LegalHoldStatus>> PlaceHoldAsync(Guid id, string reason, CancellationToken cancellationToken) =>
        PostAsync<LegalHoldStatus>($"/api/compliance/inquiries/{id}/legal-hold", new { reason }, null, cancellationToken);

    public Task<ServiceResult<LegalHoldStatus>> ReleaseHoldAsync(Guid id, CancellationToken cancellationToken) =>
        PostAsync<LegalHoldStatus>($"/api/compliance/inquiries/{id}/legal-hold", null, null, cancellationToken, HttpMethod.Delete);

    public Task<ServiceResult<InquiryDestructions>> DestructionsAsync(CancellationToken cancellationToken) =>
        GetAsync<InquiryDestructions>("/api/compliance/destruction-ledger", cancellationToken);

    public Task<ServiceResult<PurgeRun>> PurgeRunAsync(Guid runId, CancellationToken cancellationToken) =>
        GetAsync<PurgeRun>($"/api/compliance/destruction-ledger/{runId}", cancellationToken);

    public Task<ServiceResult<PreparedExport>> PrepareExportAsync(string email, CancellationToken cancellationToken) =>
        PostAsync<PreparedExport>("/api/compliance/exports", new { email }, null, cancellationToken);

    /// <summary>The export's ZIP as the service streams it, once; the caller disposes the response.</summary>
    public Task<HttpResponseMessage> DownloadExportAsync(Guid exportId, string key, CancellationToken cancellationToken) =>
        Http.PostAsJsonAsync($"/api/compliance/exports/{exportId}/download", new { key }, cancellationToken);

    public Task<ServiceResult<CorrectionResult>> CorrectAsync(string email, string field, string value, CancellationToken cancellationToken) =>
        PostAsync<CorrectionResult>("/api/compliance/corrections", new { email, field, value }, null, cancellationToken);

    public Task<ServiceResult<ErasureResult>> RequestErasureAsync(string email, CancellationToken cancellationToken) =>
        PostAsync<ErasureResult>("/api/compliance/erasure-requests", new { email }, null, cancellationToken);

    private Task<ServiceResult<CommandAccepted>> CommandAsync(Guid id, string action, long version, object? body, CancellationToken cancellationToken) =>
        PostAsync<CommandAccepted>($"/api/agent/inquiries/{id}/{action}", body, $"\"{version.ToString(CultureInfo.InvariantCulture)}\"", cancellationToken);
}

public sealed record NotErased(Guid InquiryId, string Reason);

public sealed record ErasureResult(Guid RunId, int Found, int Erased, IReadOnlyList<NotErased> NotErased);
