using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Inquiries.Rating;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Inquiries.AutoClosing;

/// <summary>When a silent customer is reminded, and when the inquiry then closes.</summary>
public sealed record AutoCloseSchedule(DateTimeOffset RemindAt, DateTimeOffset CloseAt);

/// <summary>
/// Auto-close as pure decisions. An inquiry answered and waiting on the customer gets one reminder
/// once the customer has been silent <c>days</c> days, and is closed, with an internal note, <c>days</c>
/// days after that reminder. Anything the customer or an agent does in between (a reply, a
/// follow-up, closing, reopening) clears the reminder in <see cref="InquiryState"/> and starts over,
/// so a reply between the reminder and the close cancels the close. Because the reminder is an event
/// in the stream, a pass that runs again, on any replica or after a restart, finds it there: one
/// reminder and one close, never two.
/// </summary>
public static class AutoClose
{
    /// <summary>The author of the reminder, the close and its note.</summary>
    public static readonly StaffMember Actor = new(Guid.Parse("00000000-0000-0000-0000-00000000ac10"), "자동 종료 (auto-close)");

    /// <summary>The schedule of an inquiry waiting on its customer; null for any other.</summary>
    public static AutoCloseSchedule? ScheduleOf(InquiryState state, IWaitingDays calendar, int days)
    {
        if (state.Status != InquiryStatus.Answered)
        {
            return null;
        }

        var remindAt = calendar.After(state.LastActivityAt, days);
        return new AutoCloseSchedule(remindAt, calendar.After(state.RemindedAt ?? remindAt, days));
    }

    public static Decision Decide(InquiryState? state, IWaitingDays calendar, int days, Guid noteId, Sealed closingNote, DateTimeOffset now)
    {
        if (state is null || ScheduleOf(state, calendar, days) is not { } schedule)
        {
            return Decision.Of();
        }

        if (state.RemindedAt is null)
        {
            return now >= schedule.RemindAt ? Decision.Of(new CustomerReminded(state.Id, now, calendar.After(now, days))) : Decision.Of();
        }

        return now >= schedule.CloseAt
            ? Decision.Of([
                new InquiryClosed(state.Id, Actor.Id, Actor.Name, now),
                new InternalNoteAdded(state.Id, noteId, closingNote, Actor.Id, Actor.Name, now),
                .. Satisfaction.OnClose(state, now)])
            : Decision.Of();
    }

    /// <summary>The internal note the close leaves, in the desk's languages.</summary>
    public static string NoteText(int days) =>
        $"고객의 회신이 없어 자동 종료했습니다 (안내 메일 발송 후 {days}일). Closed automatically: no reply from the customer {days} days after the reminder.";
}
