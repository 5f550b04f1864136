using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.Inquiries.Queueing;
using SupportPlatform.Inquiry.Inquiries.Prioritising;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.Inquiry.ServiceLevels;

namespace SupportPlatform.Inquiry.Inquiries.Viewing;

/// <summary>Builds the <see cref="InquiryView"/> contract from an inquiry's events, opened with its data key.</summary>
public static class InquiryViews
{
    public static InquiryView ForCustomer(LoadedInquiry inquiry, DataKey key) => Build(inquiry, key, forAgent: false);

    /// <summary>With the agent-only parts, and the SLA targets folded from the stream as the queue's read model folds them.</summary>
    public static InquiryView ForAgent(LoadedInquiry inquiry, DataKey key, SlaRules rules, DateTimeOffset now)
    {
        var view = Build(inquiry, key, forAgent: true);
        return view with
        {
            Priority = Prioritise.NameOf(inquiry.State.Priority),
            Category = inquiry.State.Category,
            ServiceLevels = SlaClock.Fold(inquiry.Events, rules) is { } track ? ServiceLevelViews.From(track, rules.Calendar, now) : null,
        };
    }

    private static InquiryView Build(LoadedInquiry inquiry, DataKey key, bool forAgent)
    {
        var id = inquiry.State.Id;
        string Open(Sealed value) => key.Open(id, value);
        List<AttachmentView> Files(IEnumerable<AttachmentRef> files) => [.. files.Select(a => new AttachmentView(a.AttachmentId, Open(a.FileName), a.ContentType, a.Size))];
        List<DroppedAttachmentView> Dropped(IEnumerable<DroppedAttachment> files) => [.. files.Select(d => new DroppedAttachmentView(Open(d.FileName), d.Reason))];
        var submitted = inquiry.Submission;
        var messages = new List<MessageView>();
        var notes = new List<NoteView>();
        AssigneeView? assignee = null;
        var held = new Dictionary<Guid, HeldEmailView>();
        foreach (var @event in inquiry.Events)
        {
            switch (@event)
            {
                case AgentReplied e:
                    messages.Add(new MessageView(e.ReplyId, "agent", e.AgentName, Open(e.Body), e.RepliedAt));
                    break;
                case CustomerReplied e:
                    messages.Add(new MessageView(
                        e.MessageId, "customer", null, Open(e.Body), e.RepliedAt, e.Channel ?? MessageChannels.Web,
                        forAgent && e.Original is { } original ? Open(original) : null,
                        forAgent ? e.Authentication?.Verdicts : null,
                        forAgent && e.Authentication is { Failed: true },
                        e.Attachments is { } files ? Files(files) : null,
                        forAgent && e.DroppedAttachments is { } dropped ? Dropped(dropped) : null));
                    break;
                case CustomerEmailHeld e when forAgent:
                    held[e.MessageId] = new HeldEmailView(
                        e.MessageId, Open(e.From), Open(e.Body), Open(e.Original), e.Reason, e.Authentication?.Verdicts, e.Authentication is { Failed: true }, e.HeldAt,
                        e.Attachments is { } heldFiles ? Files(heldFiles) : null, e.DroppedAttachments is { } heldDropped ? Dropped(heldDropped) : null);
                    break;
                case HeldEmailResolved e:
                    held.Remove(e.MessageId);
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
            QueueEntry.StatusName(inquiry.State.Status),
            QueueEntry.WaitingOnName(inquiry.State.WaitingOn),
            inquiry.State.SubmittedAt,
            inquiry.State.LastActivityAt,
            Open(inquiry.Email),
            Open(inquiry.CompanyName),
            inquiry.Phone is { } phone ? Open(phone) : null,
            Open(submitted.Summary),
            Open(submitted.Details),
            submitted.Language,
            Files(submitted.Attachments),
            messages,
            inquiry.Version,
            forAgent ? assignee : null,
            forAgent ? notes : null,
            forAgent ? inquiry.Events.OfType<ConsentGiven>().Single().PolicyVersion : null,
            HeldEmails: forAgent ? [.. held.Values] : null);
    }
}
