using SupportPlatform.Testing;

namespace SupportPlatform.Notification.Tests;

/// <summary>The aiosmtpd server with <c>smtp_handlers.Handler</c>: "reject…@" recipients get a 550.</summary>
public sealed class StrictSmtpServer() : SmtpServer("smtp_handlers.Handler", AppContext.BaseDirectory);
