using SupportPlatform.Inquiry.Domain;
using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Inquiries.SearchingMessages;

/// <summary>
/// The texts of an inquiry the desk's message search covers, as they stand sealed in its events:
/// the summary and details of the submission, every agent reply, every customer message (on the
/// web or emailed, the body without quoted history) and every internal note. A held email is not
/// among them until an agent accepts it (it then follows as a customer message).
/// </summary>
public static class MessageTexts
{
    /// <summary>Marten's names of the events that carry them, for reading the streams in SQL (its default: the type name in snake case).</summary>
    public static readonly string[] EventTypeNames = ["inquiry_submitted", "agent_replied", "customer_replied", "internal_note_added"];

    public static IReadOnlyList<Sealed> Of(object @event) => @event switch
    {
        InquirySubmitted submitted => [submitted.Summary, submitted.Details],
        AgentReplied reply => [reply.Body],
        CustomerReplied message => [message.Body],
        InternalNoteAdded note => [note.Body],
        _ => [],
    };

    /// <summary>The members of a stored event's JSON that hold them, by Marten's event type name.</summary>
    public static IReadOnlyList<string> MembersOf(string eventTypeName) => eventTypeName switch
    {
        "inquiry_submitted" => ["summary", "details"],
        "agent_replied" or "customer_replied" or "internal_note_added" => ["body"],
        _ => [],
    };
}
