using SupportPlatform.Inquiry.PersonalData;

namespace SupportPlatform.Inquiry.Attachments;

/// <summary>
/// What ties an upload to its uploader: the upload answers a token (<c>U1.{expiry}.{HMAC}</c> over
/// the attachment id) only to whoever sent the file, and a submission must present it for each
/// attachment it binds. Knowing an attachment id, which may be seen in a page or a log, is not enough.
/// Valid for <c>Attachments:UploadTokenLifetime</c> (2 hours): long enough to finish writing the
/// inquiry, well within the day an unbound upload is kept.
/// </summary>
public sealed class UploadTokens(PersonalDataKeys keys, TimeProvider time, IConfiguration configuration)
{
    private readonly ExpiringTokens tokens = new(keys.LookupKeys.DeriveKeys("attachment-upload-token-v1"), "U1.", time);
    private readonly TimeSpan lifetime = configuration.GetValue("Attachments:UploadTokenLifetime", TimeSpan.FromHours(2));

    public string Mint(Guid attachmentId) => tokens.Mint(attachmentId, time.GetUtcNow() + lifetime);

    public bool Verify(Guid attachmentId, string? token) => tokens.Verify(attachmentId, token);
}
