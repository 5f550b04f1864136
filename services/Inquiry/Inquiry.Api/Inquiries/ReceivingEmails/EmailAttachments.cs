using System.Security.Cryptography;
using System.Text;
using SupportPlatform.Inquiry.Attachments;
using SupportPlatform.Inquiry.Contracts;
using SupportPlatform.Inquiry.Domain;

namespace SupportPlatform.Inquiry.Inquiries.ReceivingEmails;

/// <summary>A file of an emailed answer that passes the upload's rules, with the name it is stored under.</summary>
public sealed record KeptAttachment(int Index, string FileName, FileType Type, byte[] Content);

/// <summary>A file that does not, with the name the sender gave it and the reason (<see cref="DroppedAttachment"/>'s).</summary>
public sealed record RefusedAttachment(string FileName, string Reason);

/// <summary>
/// Sorts an emailed answer's files under the same rules as an upload (<see cref="FileTypes"/> by
/// content, <see cref="Upload.MaxFileBytes"/>), at most <see cref="InboundAttachment.MaxCount"/>
/// of them. Nothing is refused as a whole: a file that breaks a rule is noted on the message by
/// name, and the message is kept.
/// </summary>
public static class EmailAttachments
{
    public const string UnnamedFile = "첨부 파일";

    public static (IReadOnlyList<KeptAttachment> Kept, IReadOnlyList<RefusedAttachment> Refused) Sort(IReadOnlyList<InboundAttachment> files)
    {
        var kept = new List<KeptAttachment>();
        var refused = new List<RefusedAttachment>();
        for (var index = 0; index < files.Count; index++)
        {
            var file = files[index];
            var name = Shorten(file.FileName);
            if (kept.Count == InboundAttachment.MaxCount)
            {
                refused.Add(new RefusedAttachment(name, DroppedAttachment.Count));
            }
            else if (file.Content is not { } content || content.Length > Upload.MaxFileBytes)
            {
                // Notification sends no content for a file too large, alone or with the ones before it (InboundAttachment).
                refused.Add(new RefusedAttachment(name, DroppedAttachment.Size));
            }
            else if (FileTypes.Detect(content) is not { } type)
            {
                refused.Add(new RefusedAttachment(name, DroppedAttachment.Type));
            }
            else
            {
                kept.Add(new KeptAttachment(index, FileNames.Sanitize(name, type), type, content));
            }
        }

        return (kept, refused);
    }

    /// <summary>One id per message and file, the same at every attempt, so a message handed over again stores its files once.</summary>
    public static Guid IdOf(Guid messageId, int index) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"email-attachment:{messageId:N}:{index}"))[..16]);

    /// <summary>The name as shown: without control characters, at most <see cref="FileNames.MaxLength"/> long.</summary>
    private static string Shorten(string? fileName)
    {
        var name = new string([.. (fileName ?? string.Empty).Where(c => !char.IsControl(c))]).Trim();
        return name.Length == 0 ? UnnamedFile : name.Length <= FileNames.MaxLength ? name : name[..FileNames.MaxLength];
    }
}
