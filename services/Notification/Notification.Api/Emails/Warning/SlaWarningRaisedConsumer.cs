using Microsoft.Extensions.Options;
using SupportPlatform.Agent.Contracts;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Notification.Deliveries;
using SupportPlatform.Notification.Deliveries.Sending;
using SupportPlatform.Notification.Templates;

namespace SupportPlatform.Notification.Emails.Warning;

/// <summary>
/// An SLA target is at 80 % of its business time, or past due: one email per inquiry, target and
/// threshold, to the assignee or, when nobody is assigned, to the support team.
/// </summary>
public sealed class SlaWarningRaisedConsumer(DeliveryStore store, DeliveryDispatcher dispatcher, SlaWarningEmails emails, TimeProvider time)
    : DeliveryConsumer<SlaWarningRaised>(store, dispatcher, emails, time);

public sealed class SlaWarningEmails(
    InternalInquiryApi inquiries, InternalStaffApi staff, EmailTemplates templates, IOptions<NotificationOptions> options, ILogger<SlaWarningEmails> logger)
    : EmailComposer<SlaWarningRaised>
{
    public override IReadOnlyList<DeliveryKind> Kinds { get; } = [DeliveryKind.SlaWarning];

    public override Guid InquiryIdOf(SlaWarningRaised message) => message.InquiryId;

    /// <summary>The target is its kind and start on the inquiry: a second message about it (however it came) sends nothing.</summary>
    public override string? OnceKeyOf(SlaWarningRaised message) =>
        $"{message.InquiryId}:{message.Target}:{message.TargetStartedAt.UtcTicks}:{message.Threshold}";

    public override IEnumerable<string> Validate(SlaWarningRaised message)
    {
        if (message.InquiryId == Guid.Empty)
        {
            yield return "inquiryId is empty";
        }

        if (!SlaTargetNames.All.Contains(message.Target))
        {
            yield return "target is not an SLA target";
        }

        if (!SlaThresholds.All.Contains(message.Threshold))
        {
            yield return "threshold is not an SLA threshold";
        }
    }

    public override async Task<ComposedEmail?> ComposeAsync(SlaWarningRaised message, DeliveryKind kind, CancellationToken cancellationToken)
    {
        // Only whether the inquiry still exists: a warning about a purged one is cancelled, not sent.
        if (await inquiries.GetSummaryAsync(message.InquiryId, cancellationToken) is null)
        {
            return null;
        }

        var settings = options.Value;
        var recipient = await AssigneeAddressAsync(message, cancellationToken) ?? settings.SupportTeamAddress;
        return Email(recipient, templates.Render(TemplateNames.SlaWarning, settings.StaffLanguage, new SlaWarningModel(
            message.InquiryId,
            Headline(settings.StaffLanguage, message.Target, message.Threshold),
            EmailFormatting.KoreanTime(message.DueAt),
            EmailFormatting.DeskLink(settings.DeskBaseUrl, message.InquiryId))));
    }

    /// <summary>
    /// The assignee's address from the desk's accounts, read now and forgotten after sending (the
    /// delivery keeps only its hash). Null, so the team is written to instead, when nobody is
    /// assigned, the member is unknown or disabled, or the desk does not answer: a warning is due now,
    /// and waiting for the desk would make it late, so it is never held back for the assignee.
    /// </summary>
    private async Task<string?> AssigneeAddressAsync(SlaWarningRaised message, CancellationToken cancellationToken)
    {
        if (message.AssigneeId is not { } assigneeId)
        {
            return null;
        }

        try
        {
            return (await staff.GetAddressAsync(assigneeId, cancellationToken))?.Email;
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("The desk did not give the address of staff member {StaffId} ({Error}); the SLA warning of inquiry {InquiryId} goes to the team",
                assigneeId, e.GetType().Name, message.InquiryId);
            return null;
        }
    }

    /// <summary>Which target and which warning, in the staff's language: "첫 응답 목표 시간의 80%가 지났습니다".</summary>
    public static string Headline(string language, string target, string threshold)
    {
        var korean = EmailTemplates.LanguageOf(language) == EmailTemplates.Korean;
        var name = (target, korean) switch
        {
            (SlaTargetNames.FirstResponse, true) => "첫 응답",
            (SlaTargetNames.NextResponse, true) => "추가 응답",
            (_, true) => "해결",
            (SlaTargetNames.FirstResponse, false) => "first response",
            (SlaTargetNames.NextResponse, false) => "next response",
            _ => "resolution",
        };
        return (threshold == SlaThresholds.Breached, korean) switch
        {
            (false, true) => $"{name} 목표 시간의 80%가 지났습니다",
            (true, true) => $"{name} 목표 시간을 넘겼습니다",
            (false, false) => $"80% of the {name} target has passed",
            (true, false) => $"The {name} target is breached",
        };
    }
}
