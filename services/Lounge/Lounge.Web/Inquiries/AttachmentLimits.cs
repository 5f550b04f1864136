namespace SupportPlatform.Lounge.Inquiries;

/// <summary>The Inquiry API's attachment limits, shown on the form before anyone hits them.</summary>
public static class AttachmentLimits
{
    public const int MaxFiles = 5;
    public const long MaxFileBytes = 10 * 1024 * 1024;
    public const string Accept = ".png,.jpg,.jpeg,.gif,.pdf,.zip,.txt,.log,.eml,image/png,image/jpeg,image/gif,application/pdf,application/zip,text/plain,message/rfc822";
    public const string Description = "파일 5개까지, 파일당 10MB 이하 · PNG, JPEG, GIF, PDF, ZIP, 텍스트·로그, 메일(.eml)";

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024):0.#} MB",
    };
}
