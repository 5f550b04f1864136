using System.Runtime.CompilerServices;
using SupportPlatform.Notification.Inbound.Reading;

namespace SupportPlatform.Notification.Tests;

internal static class Encodings
{
    /// <summary>
    /// As the service does at start: before any test's first use of MimeKit, which caches the
    /// encodings it finds (test classes run in parallel, so a class's own static constructor is too late).
    /// </summary>
    [ModuleInitializer]
    internal static void Register() => InboundMail.RegisterEncodings();
}
