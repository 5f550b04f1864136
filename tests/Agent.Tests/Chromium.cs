using Microsoft.Playwright;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Agent.Tests;

/// <summary>
/// Debian's chromium driven by Playwright (never a downloaded browser), one per test class; each
/// test opens its own context, so cookies never leak between tests.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: TestResults/agent-desk at the repository root, kept as artifacts.</summary>
    public static string Screenshots { get; } = FindScreenshotFolder();

    public async Task InitializeAsync()
    {
        var executable = TestServers.Chromium
            ?? throw new InvalidOperationException("chromium not found: install Debian's `chromium` or set SUPPORTPLATFORM_TEST_CHROMIUM.");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // Root in a container has no user namespace for chromium's sandbox.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "ko-KR",
            // The desk is served over HTTPS with the test run's self-signed certificate (TestCertificate).
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        // Generous: test assemblies run side by side on two cores in CI. Assertions (Expect) have
        // their own default of 5 s, which the steps after a sign-in or a form post need more than.
        context.SetDefaultTimeout(60_000);
        Assertions.SetDefaultExpectTimeout(60_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    private static string FindScreenshotFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SupportPlatform.sln")))
        {
            directory = directory.Parent;
        }

        var folder = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "TestResults", "agent-desk");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
