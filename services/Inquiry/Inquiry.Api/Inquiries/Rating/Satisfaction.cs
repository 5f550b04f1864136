using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Inquiries.Rating;

/// <summary>
/// The satisfaction survey as pure decisions: asked once, at the first close; one rating per
/// inquiry, which the customer may change for <see cref="ChangeWindow"/> after first giving it.
/// </summary>
public static class Satisfaction
{
    public const int MinScore = 1;
    public const int MaxScore = 5;
    public const int MaxComment = 2_000;

    public static readonly TimeSpan ChangeWindow = TimeSpan.FromDays(7);

    public static readonly DomainError NotAsked = new("survey-not-sent", "No satisfaction survey was sent for this inquiry.");
    public static readonly DomainError Final = new("rating-final", "The rating can no longer be changed: 7 days have passed since it was given.");

    /// <summary>What closing adds: the survey, the first time only.</summary>
    public static IInquiryEvent[] OnClose(InquiryState state, DateTimeOffset now) =>
        state.SurveyRequestedAt is null ? [new SatisfactionSurveyRequested(state.Id, now)] : [];

    /// <summary>Until when the rating can still be given or changed; null before the first rating (open until then).</summary>
    public static DateTimeOffset? ChangeableUntil(InquiryState state) => state.FirstRatedAt + ChangeWindow;

    public static Decision Rate(InquiryState? state, int score, Sealed? comment, DateTimeOffset now) => state switch
    {
        null => DomainError.NotFound,
        { SurveyRequestedAt: null } => NotAsked,
        _ when now > ChangeableUntil(state) => Final,
        _ => Decision.Of(new InquiryRated(state.Id, score, comment, state.LastRepliedBy?.Id, state.LastRepliedBy?.Name, now, state.Category)),
    };
}
