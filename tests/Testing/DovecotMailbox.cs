using DotNet.Testcontainers.Containers;
using Xunit;

namespace SupportPlatform.Testing;

/// <summary>
/// A real IMAP server for one test class: Dovecot (<c>local/dovecot:2.3</c>, built from Debian's
/// packages by deploy/images/prepare.sh; <c>SUPPORTPLATFORM_TEST_DOVECOT_IMAGE</c> to override) with
/// one account, plain IMAP on loopback. Tests put mail in with IMAP APPEND, as a mail server's
/// delivery would.
/// </summary>
public sealed class DovecotMailbox : IAsyncLifetime
{
    public const string User = "support";
    public const string Password = "support-test-password";
    private const ushort ImapPort = 143;

    private IContainer? container;

    public string Host => container!.Hostname;

    public int Port => container!.GetMappedPublicPort(ImapPort);

    public async Task InitializeAsync() => container = await TestContainers.StartDovecotAsync(User, Password, ImapPort);

    public async Task DisposeAsync()
    {
        if (container is not null)
        {
            await container.DisposeAsync();
        }
    }
}
