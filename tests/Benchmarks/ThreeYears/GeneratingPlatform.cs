extern alias InquiryApi;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace SupportPlatform.Benchmarks.ThreeYears;

/// <summary>
/// The real Inquiry service in this process, production settings, on the generated database, with
/// a clock the generator moves through the three years: every event, deadline and retention pass
/// is dated by it. Requests go through the in-memory test server (no sockets to spend time on).
/// </summary>
internal sealed class GeneratingPlatform(string postgres, string rabbitMq, GeneratorKeys keys, DateTimeOffset start) : WebApplicationFactory<InquiryApi::Program>
{
    public FakeTimeProvider Clock { get; } = new(start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:postgres", postgres);
        builder.UseSetting("ConnectionStrings:rabbitmq", rabbitMq);
        // Production wants the shred list's own database; the generated platform keeps it beside the rest (its own schema).
        builder.UseSetting("ConnectionStrings:shredlist", postgres);
        builder.UseSetting("Auth:SigningKey", keys.SigningKey);
        builder.UseSetting("PersonalData:MasterKey", keys.MasterKey);
        builder.UseSetting("PersonalData:LookupKey", keys.LookupKey);
        builder.UseSetting("RateLimiting:PublicPermitsPerMinute", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

/// <summary>
/// The keys the generated data is sealed with, kept beside the dump: the benchmarks open the
/// inquiries with them, and a resumed run must seal with the same ones.
/// </summary>
internal sealed record GeneratorKeys(string SigningKey, string MasterKey, string LookupKey)
{
    public static async Task<GeneratorKeys> LoadOrCreateAsync(string path)
    {
        if (File.Exists(path))
        {
            return System.Text.Json.JsonSerializer.Deserialize<GeneratorKeys>(await File.ReadAllTextAsync(path))!;
        }

        var keys = new GeneratorKeys(Random(48), Random(32), Random(32));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, System.Text.Json.JsonSerializer.Serialize(keys));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return keys;
    }

    private static string Random(int bytes) => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(bytes));
}
