using SupportPlatform.Inquiry.Contracts;

namespace SupportPlatform.Agent.Pages.Inquiries;

/// <summary>What <c>_EmailedFiles</c> shows: an emailed message's stored files and the ones refused.</summary>
public sealed record EmailedFiles(Guid InquiryId, IReadOnlyList<AttachmentView>? Files, IReadOnlyList<DroppedAttachmentView>? Dropped);
