namespace SupportPlatform.Inquiry.Contracts;

/// <summary>An agent left an internal note (the desk shows it live to colleagues). The note's text never travels.</summary>
public sealed record InquiryNoteAdded
{
    public required Guid InquiryId { get; init; }

    public required Guid NoteId { get; init; }

    public required DateTimeOffset AddedAt { get; init; }
}
