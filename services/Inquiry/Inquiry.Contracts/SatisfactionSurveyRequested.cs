namespace SupportPlatform.Inquiry.Contracts;

/// <summary>
/// The inquiry was closed for the first time (by an agent or auto-close): Notification asks the
/// customer once whether the answer helped, with the survey link Inquiry derives for it.
/// </summary>
public sealed record SatisfactionSurveyRequested
{
    public required Guid InquiryId { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }
}
