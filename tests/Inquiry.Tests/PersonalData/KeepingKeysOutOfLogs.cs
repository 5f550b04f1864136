using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportPlatform.Inquiry.PersonalData;
using SupportPlatform.Inquiry.Retention.Shredding;
using SupportPlatform.Inquiry.Tests.Api;
using SupportPlatform.Testing;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.PersonalData;

/// <summary>The service with every log line it writes, at every level, kept for a scan.</summary>
public sealed class InquiryApiWithLogs : InquiryApi
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override void ConfigureService(ServiceFactory<Program> service)
    {
        service.Settings["Logging:LogLevel:Default"] = "Trace";
        var inner = service.TestServices;
        service.TestServices = services =>
        {
            inner?.Invoke(services);
            services.AddSingleton<ILoggerProvider>(new Capture(Lines));
        };
    }

    private sealed class Capture(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue($"scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{logLevel} {formatter(state, exception)} {properties} {exception}");
        }

        public void Dispose()
        {
        }
    }
}

/// <summary>
/// Keys come from configuration and go nowhere else: through a master key rotation, a lookup key
/// rotation, a signing key rollover, an erasure and a re-application of the shred list, at Trace
/// level, no log line holds any key in any of the forms it is configured or used in.
/// </summary>
public sealed class KeepingKeysOutOfLogs(InquiryApiWithLogs api) : IClassFixture<InquiryApiWithLogs>
{
    [Fact]
    public async Task No_key_appears_in_any_log_line_through_rotations_and_purges()
    {
        var first = await api.SubmitAsync(Requests.Valid("log.scan@keys-example.co.kr"));
        await api.SubmitAsync(Requests.Valid("log.scan2@keys-example.co.kr"));
        var oldMaster = api.Service.Settings["PersonalData:MasterKey"]!;
        var newMaster = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var oldLookup = api.Service.Settings["PersonalData:LookupKey"]!;
        var newLookup = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        const string newSigningKey = "a-fresh-signing-key-for-the-log-scan-0123";
        await api.RestartAsync(change: s =>
        {
            (s["PersonalData:MasterKey"], s["PersonalData:MasterKeyId"], s["PersonalData:AcceptedMasterKeys:" + MasterKeys.InitialId]) = (newMaster, "2027-02", oldMaster);
            (s["PersonalData:LookupKey"], s["PersonalData:LookupKeyId"], s["PersonalData:AcceptedLookupKeys:" + KeyIds.Initial]) = (newLookup, "2027-02", oldLookup);
            (s["Auth:SigningKey"], s["Auth:SigningKeyId"], s["Auth:AcceptedSigningKeys:initial"]) = (newSigningKey, "2027-02", TestServers.SigningKey);
        });
        using (var admin = api.Service.CreateClient().WithStaff("admin"))
        {
            await Eventually.TrueAsync(
                async () => (await admin.GetFromJsonAsync<Contracts.KeyRotationStatus>("/api/operations/keys"))! is { Remaining: 0, LookupKeys.Remaining: 0 },
                "the re-wrap and the re-hash to finish");
        }

        using (var compliance = api.Compliance())
        {
            await compliance.PostAsJsonAsync("/api/compliance/erasure-requests", new { email = "log.scan@keys-example.co.kr" });
        }

        await api.Service.Services.GetRequiredService<ShredListReplay>().ReapplyAsync(fromStart: true, CancellationToken.None);
        // A wrong-key token is refused and logged as such; the log must not say what the key was.
        using var forged = api.Service.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new("Bearer", ServiceDefaults.StaffAuthentication.IssueToken(
            new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes("not-the-key-but-long-enough-to-sign-0123")) { KeyId = "2027-02" },
            Guid.NewGuid(), "Forger", "forger@staff.test", ["agent"], DateTimeOffset.UtcNow, TimeSpan.FromHours(1)));
        await forged.GetAsync($"/api/agent/inquiries/{first.InquiryId}");

        string[] keys = [oldMaster, newMaster, oldLookup, newLookup, TestServers.SigningKey, newSigningKey];
        var forms = keys.SelectMany(k => new[] { k, Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(k)) })
            .Concat(new[] { oldMaster, newMaster, oldLookup, newLookup }.SelectMany(k => new[] { Convert.ToHexString(Convert.FromBase64String(k)), Convert.ToBase64String(Convert.FromBase64String(k)).TrimEnd('=') }))
            .ToArray();
        var lines = api.Lines.ToArray();

        Assert.True(lines.Length > 50, $"only {lines.Length} log lines were captured");
        Assert.Contains(lines, l => l.Contains("2027-02", StringComparison.Ordinal)); // key ids may be logged, and are
        Assert.Contains(lines, l => l.Contains("Re-hashed", StringComparison.Ordinal)); // the re-hash ran and was logged
        Assert.DoesNotContain(lines, line => forms.Any(form => line.Contains(form, StringComparison.OrdinalIgnoreCase)));
    }
}
