using System.Net.Http.Headers;
using System.Text;

namespace SupportPlatform.Inquiry.Tests.Api;

public static class Uploads
{
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];

    public static MultipartFormDataContent File(string fileName, byte[] content, string claimedType = "application/octet-stream")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(claimedType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    public static MultipartFormDataContent Text(string fileName, string text) => File(fileName, Encoding.UTF8.GetBytes(text), "text/plain");
}
