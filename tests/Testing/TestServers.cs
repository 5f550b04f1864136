namespace SupportPlatform.Testing;

/// <summary>
/// Where the real servers of the tests are: environment variables set by <c>test.sh</c> (or by a
/// developer pointing at other servers), else the ports <c>test.sh</c> starts them on.
/// </summary>
public static class TestServers
{
    /// <summary>The staff-token signing key every service under test is given.</summary>
    public const string SigningKey = "test-signing-key-with-at-least-32-bytes!";

    public static string PostgresAdmin =>
        Environment.GetEnvironmentVariable("SUPPORTPLATFORM_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=55432;Username=postgres;Password=postgres;Maximum Pool Size=20";

    public static Uri RabbitMq =>
        new(Environment.GetEnvironmentVariable("SUPPORTPLATFORM_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:55672/");

    public static Uri RabbitMqManagement =>
        new(Environment.GetEnvironmentVariable("SUPPORTPLATFORM_TEST_RABBITMQ_MANAGEMENT") ?? "http://guest:guest@127.0.0.1:55673/");

    public static string SmtpPython =>
        Environment.GetEnvironmentVariable("SUPPORTPLATFORM_TEST_SMTP_PYTHON") ?? "/usr/bin/python3";

    public static string? Chromium =>
        Environment.GetEnvironmentVariable("SUPPORTPLATFORM_TEST_CHROMIUM") is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;

    /// <summary>A lowercase name unique to this run, usable as a database or vhost name.</summary>
    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];
}
