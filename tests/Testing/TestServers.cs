namespace SupportPlatform.Testing;

/// <summary>
/// Where the real servers of the tests are: the servers named by the <c>SUPPORTPLATFORM_TEST_*</c>
/// environment variables if set (for machines without a container engine), else this test
/// assembly's Testcontainers (<see cref="TestContainers"/>).
/// </summary>
public static class TestServers
{
    /// <summary>The staff-token signing key every service under test is given.</summary>
    public const string SigningKey = "test-signing-key-with-at-least-32-bytes!";

    /// <summary>A superuser connection string to the test PostgreSQL (database <c>postgres</c>).</summary>
    public static async Task<string> PostgresAdminAsync() =>
        Environment.GetEnvironmentVariable("SUPPORTPLATFORM_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : await TestContainers.PostgresAdminAsync();

    /// <summary>The test broker: its amqp:// URI (default vhost) and its management API's http:// URI, both with credentials.</summary>
    public static async Task<(Uri Amqp, Uri Management)> RabbitMqAsync() =>
        (Environment.GetEnvironmentVariable("SUPPORTPLATFORM_TEST_RABBITMQ"),
         Environment.GetEnvironmentVariable("SUPPORTPLATFORM_TEST_RABBITMQ_MANAGEMENT")) is ({ Length: > 0 } amqp, { Length: > 0 } management)
            ? (new Uri(amqp), new Uri(management))
            : await TestContainers.RabbitMqAsync();

    public static string SmtpPython =>
        Environment.GetEnvironmentVariable("SUPPORTPLATFORM_TEST_SMTP_PYTHON") ?? "/usr/bin/python3";

    public static string? Chromium =>
        Environment.GetEnvironmentVariable("SUPPORTPLATFORM_TEST_CHROMIUM") is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;

    /// <summary>A lowercase name unique to this run, usable as a database or vhost name.</summary>
    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];
}
