using SupportPlatform.Inquiry.AccessRecords.RecordingApiReads;
using SupportPlatform.Inquiry.Domain;
using Contracts = SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Inquiry.Publishing;

/// <summary>
/// Turns domain events into the integration events other services consume. They carry ids, times
/// and the language, never personal data or a token: a consumer fetches what it needs from the
/// internal API when it uses it, and finds nothing once the inquiry is purged. Assignment, reopening
/// and internal notes travel as ids and times only (the live desk refreshes on them; a note's text
/// and the assignee's name stay in the stream); consent and legal holds stay private. Null for an
/// event that stays private.
/// </summary>
public static class IntegrationEventMapper
{
    public static object? ToMessage(object data) => data switch
    {
        InquirySubmitted submitted => new Contracts.InquirySubmitted
        {
            InquiryId = submitted.InquiryId,
            Language = submitted.Language,
            RecommendationSessionId = submitted.RecommendationSessionId,
            SubmittedAt = submitted.SubmittedAt,
        },
        AgentReplied replied => new Contracts.InquiryAnswered { InquiryId = replied.InquiryId, ReplyId = replied.ReplyId, AnsweredAt = replied.RepliedAt },
        CustomerReplied followedUp => new Contracts.CustomerFollowedUp
        {
            InquiryId = followedUp.InquiryId,
            MessageId = followedUp.MessageId,
            FollowedUpAt = followedUp.RepliedAt,
            Channel = followedUp.Channel ?? Contracts.MessageChannels.Web,
        },
        InquiryAssigned assigned => new Contracts.InquiryAssigneeChanged { InquiryId = assigned.InquiryId, AssigneeId = assigned.AssigneeId, AssignedAt = assigned.AssignedAt },
        InquiryReopened reopened => new Contracts.InquiryReopenedByAgent { InquiryId = reopened.InquiryId, ReopenedAt = reopened.ReopenedAt },
        InternalNoteAdded noted => new Contracts.InquiryNoteAdded { InquiryId = noted.InquiryId, NoteId = noted.NoteId, AddedAt = noted.AddedAt },
        CustomerReminded reminded => new Contracts.CustomerReminded { InquiryId = reminded.InquiryId, RemindedAt = reminded.RemindedAt, ClosesAt = reminded.ClosesAt },
        SlaWarningRaised warned => new Contracts.SlaWarningRaised
        {
            InquiryId = warned.InquiryId,
            Target = ServiceLevels.ServiceLevelViews.KindName(warned.Target),
            TargetStartedAt = warned.TargetStartedAt,
            Threshold = warned.Threshold == ServiceLevels.Warning.SlaThreshold.Breached ? Contracts.SlaThresholds.Breached : Contracts.SlaThresholds.Approaching,
            DueAt = warned.DueAt,
            RaisedAt = warned.RaisedAt,
            AssigneeId = warned.AssigneeId,
        },
        SatisfactionSurveyRequested asked => new Contracts.SatisfactionSurveyRequested { InquiryId = asked.InquiryId, RequestedAt = asked.RequestedAt },
        InquiryClosed closed => new Contracts.InquiryClosed { InquiryId = closed.InquiryId, ClosedAt = closed.ClosedAt },
        InquiryPurgeRecorded purged => new Contracts.InquiryPurged { InquiryId = purged.InquiryId, Reason = purged.Reason, PurgedAt = purged.PurgedAt },
        PersonalDataReadThroughApi read => new Contracts.StaffReadPersonalData
        {
            StaffId = read.StaffId,
            Roles = read.Roles,
            ClientAddress = read.ClientAddress,
            Action = read.Action,
            InquiryId = read.InquiryId,
            ItemId = read.ItemId,
            RecordCount = read.RecordCount,
            ReadAt = read.ReadAt,
        },
        _ => null,
    };
}
