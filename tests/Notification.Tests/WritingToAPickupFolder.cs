using Microsoft.Extensions.Options;
using SupportPlatform.Notification.Smtp;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Notification.Tests;

public sealed class WritingToAPickupFolder : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), TestServers.UniqueName("pickup"));

    [Fact]
    public async Task Local_runs_write_an_eml_file_that_decodes_to_the_Korean_email()
    {
        using var sender = new SmtpEmailSender(Options.Create(new SmtpOptions { PickupDirectory = folder }), TimeProvider.System);

        await sender.SendAsync(new OutgoingEmail("kim@customer.test", "[고객케어 라운지] 문의가 접수되었습니다: 랜섬웨어", "<p>접수</p>", "접수되었습니다", "<d1@vendor.test>"), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
        var email = ReceivedEmail.Parse(await File.ReadAllTextAsync(file));
        Assert.Equal("[고객케어 라운지] 문의가 접수되었습니다: 랜섬웨어", email.Subject);
        Assert.Equal("접수되었습니다", email.Text);
        Assert.Equal("<p>접수</p>", email.Html);
        Assert.Equal("<d1@vendor.test>", email.MessageId);
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
