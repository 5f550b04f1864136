using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Inquiries.Viewing;

public sealed record AttachmentView(Guid AttachmentId, string FileName, string ContentType, long Size);

/// <summary>One entry of the conversation. <c>Body</c> is the author's Markdown as plain text.</summary>
public sealed record MessageView(Guid Id, string Author, string? AgentName, string Body, DateTimeOffset At);

public sealed record NoteView(Guid Id, Guid AgentId, string AgentName, string Body, DateTimeOffset At);

public sealed record AssigneeView(Guid Id, string Name);

/// <summary>The thread of one inquiry. Agent-only parts (notes, assignee, consent) are null for the customer.</summary>
public sealed record InquiryView(
    Guid InquiryId,
    InquiryStatus Status,
    WaitingOn? WaitingOn,
    DateTimeOffset SubmittedAt,
    DateTimeOffset LastActivityAt,
    string Email,
    string CompanyName,
    string? Phone,
    string Summary,
    string Details,
    string Language,
    IReadOnlyList<AttachmentView> Attachments,
    IReadOnlyList<MessageView> Messages,
    long Version,
    AssigneeView? Assignee = null,
    IReadOnlyList<NoteView>? Notes = null,
    string? ConsentPolicyVersion = null)
{
    public static InquiryView ForCustomer(LoadedInquiry inquiry, DataKey key) => Build(inquiry, key, forAgent: false);

    public static InquiryView ForAgent(LoadedInquiry inquiry, DataKey key) => Build(inquiry, key, forAgent: true);

    private static InquiryView Build(LoadedInquiry inquiry, DataKey key, bool forAgent)
    {
        var id = inquiry.State.Id;
        string Open(Sealed value) => key.Open(id, value);
        var submitted = inquiry.Submission;
        var messages = new List<MessageView>();
        var notes = new List<NoteView>();
        AssigneeView? assignee = null;
        foreach (var @event in inquiry.Events)
        {
            switch (@event)
            {
                case AgentReplied e:
                    messages.Add(new MessageView(e.ReplyId, "agent", e.AgentName, Open(e.Body), e.RepliedAt));
                    break;
                case CustomerReplied e:
                    messages.Add(new MessageView(e.MessageId, "customer", null, Open(e.Body), e.RepliedAt));
                    break;
                case InternalNoteAdded e:
                    notes.Add(new NoteView(e.NoteId, e.AgentId, e.AgentName, Open(e.Body), e.AddedAt));
                    break;
                case InquiryAssigned e:
                    assignee = new AssigneeView(e.AssigneeId, e.AssigneeName);
                    break;
            }
        }

        return new InquiryView(
            id,
            inquiry.State.Status,
            inquiry.State.WaitingOn,
            inquiry.State.SubmittedAt,
            inquiry.State.LastActivityAt,
            Open(submitted.Email),
            Open(submitted.CompanyName),
            submitted.Phone is { } phone ? Open(phone) : null,
            Open(submitted.Summary),
            Open(submitted.Details),
            submitted.Language,
            [.. submitted.Attachments.Select(a => new AttachmentView(a.AttachmentId, Open(a.FileName), a.ContentType, a.Size))],
            messages,
            inquiry.Version,
            forAgent ? assignee : null,
            forAgent ? notes : null,
            forAgent ? inquiry.Events.OfType<ConsentGiven>().Single().PolicyVersion : null);
    }
}
