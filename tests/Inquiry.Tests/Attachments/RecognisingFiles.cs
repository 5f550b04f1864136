using System.Text;
using SupportPlatform.Inquiry.Attachments;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Attachments;

public sealed class RecognisingFiles
{
    public static TheoryData<byte[], string> Allowed => new()
    {
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "image/png" },
        { [0xFF, 0xD8, 0xFF, 0xE0, 0, 16], "image/jpeg" },
        { Encoding.ASCII.GetBytes("GIF89a\x01\x00"), "image/gif" },
        { Encoding.ASCII.GetBytes("%PDF-1.7\n"), "application/pdf" },
        { [0x50, 0x4B, 3, 4, 20, 0], "application/zip" },
        { Encoding.UTF8.GetBytes("2026-01-05 09:00:01 [TMSe] 시간당 접속 횟수 제한\r\n"), "text/plain" },
        { Encoding.UTF8.GetBytes("Received: from mx.example.com\r\nSubject: test\r\n\r\nbody"), "message/rfc822" },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void The_content_decides_the_type(byte[] content, string contentType) =>
        Assert.Equal(contentType, FileTypes.Detect(content)?.ContentType);

    [Theory]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 })]
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46 })]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { })]
    public void Programs_binaries_and_broken_text_are_refused(byte[] content) => Assert.Null(FileTypes.Detect(content));

    [Theory]
    [InlineData("../../etc/passwd", "passwd.txt")]
    [InlineData("C:\\Users\\kim\\로그 파일.log", "로그 파일.log")]
    [InlineData("invoice.pdf.exe", "invoice.pdf.exe.txt")]
    [InlineData("<img src=x onerror=alert(1)>.txt", "img src=x onerror=alert(1).txt")]
    [InlineData("...", "attachment.txt")]
    [InlineData("report\u202Etxt.exe", "reporttxt.exe.txt")]
    public void File_names_lose_paths_and_dangerous_characters_and_get_the_real_extension(string name, string expected) =>
        Assert.Equal(expected, FileNames.Sanitize(name, FileTypes.Text));

    [Fact]
    public void Long_names_keep_their_extension()
    {
        var name = FileNames.Sanitize(new string('가', 300) + ".png", FileTypes.Png);

        Assert.Equal(FileNames.MaxLength, name.Length);
        Assert.EndsWith(".png", name, StringComparison.Ordinal);
    }
}
