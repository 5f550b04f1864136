// ApiFuzz: fires generated bad and edge requests (types, boundaries, encodings, Unicode edge cases
// incl. NUL and lone surrogates, injection strings, broken multipart, wrong Content-Type and
// If-Match) at every operation of each service's /openapi/v1.json, bounded in count and time,
// against services on loopback only. Prints per service the counts by status class, every
// response ≥ 500, responses missing a security header, and /health afterwards. Exit code 1 when
// anything answered ≥ 500 or a service is unhealthy afterwards. scripts/fuzz.sh starts the
// services and runs this.
//
//   dotnet run -c Release --project tests/Fuzzing/ApiFuzz -- --signing-key KEY \
//       --service inquiry=http://127.0.0.1:6401 --service knowledge=http://127.0.0.1:6402 \
//       --service notification=http://127.0.0.1:6403 [--max-requests 6000] [--max-seconds 240] [--seed 1] [--concurrency 4]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using SupportPlatform.Fuzzing;
using SupportPlatform.ServiceDefaults;

var options = FuzzOptions.Parse(args);
var token = StaffAuthentication.IssueToken(
    new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey)), Guid.NewGuid(), "Fuzzer", "fuzzer@staff.test",
    [StaffRoles.Agent, StaffRoles.Compliance, StaffRoles.Service], DateTimeOffset.UtcNow, TimeSpan.FromHours(2));
using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = options.Concurrency })
{
    Timeout = TimeSpan.FromSeconds(30),
};

var seed = await Seed.CreateAsync(http, options.Services);
var cases = new List<(string Service, Case Case)>();
foreach (var (service, baseUrl) in options.Services)
{
    var document = JsonNode.Parse(await http.GetStringAsync(new Uri(baseUrl, "/openapi/v1.json")))!;
    var generated = Generator.Cases(document, baseUrl, seed).ToList();
    var random = new Random(options.Seed);
    random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(generated));
    cases.AddRange(generated.Take(options.MaxRequests / options.Services.Count).Select(c => (service, c)));
    Console.Error.WriteLine($"{service}: {generated.Count} cases generated from {Generator.OperationCount(document)} operations");
}

var results = new ConcurrentBag<(string Service, Case Case, int Status, bool HeadersOk)>();
var clock = Stopwatch.StartNew();
var gate = new SemaphoreSlim(options.Concurrency);
var running = new List<Task>();
var skipped = 0;
foreach (var (service, fuzzCase) in cases)
{
    if (clock.Elapsed > options.MaxDuration)
    {
        skipped++;
        continue;
    }

    await gate.WaitAsync();
    running.Add(Task.Run(async () =>
    {
        try
        {
            var (status, headersOk) = await SendAsync(http, fuzzCase, token);
            results.Add((service, fuzzCase, status, headersOk));
        }
        finally
        {
            gate.Release();
        }
    }));
}

await Task.WhenAll(running);
var elapsed = clock.Elapsed;

var failed = false;
Console.WriteLine($"| service | requests | 2xx | 3xx | 4xx | ≥ 500 | no response | security headers missing | /health after |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
foreach (var (service, baseUrl) in options.Services)
{
    var mine = results.Where(r => r.Service == service).ToList();
    var health = await HealthAsync(http, baseUrl);
    var serverErrors = mine.Count(r => r.Status >= 500);
    var noResponse = mine.Count(r => r.Status == 0);
    failed |= serverErrors > 0 || health != "Healthy";
    Console.WriteLine($"| {service} | {mine.Count} | {mine.Count(r => r.Status is >= 200 and < 300)} | {mine.Count(r => r.Status is >= 300 and < 400)} | " +
        $"{mine.Count(r => r.Status is >= 400 and < 500)} | {serverErrors} | {noResponse} | {mine.Count(r => r.Status > 0 && !r.HeadersOk)} | {health} |");
}

Console.WriteLine();
Console.WriteLine($"{results.Count} requests in {elapsed.TotalSeconds:F0} s ({skipped} not sent: time bound {options.MaxDuration.TotalSeconds:F0} s), seed {options.Seed}.");
foreach (var group in results.Where(r => r.Status is >= 400 and < 500).GroupBy(r => r.Status).OrderBy(g => g.Key))
{
    Console.WriteLine($"  {group.Key}: {group.Count()}");
}

foreach (var (service, fuzzCase, status, _) in results.Where(r => r.Status >= 500 || r.Status == 0).Take(40))
{
    Console.WriteLine($"  {(status == 0 ? "no response" : status.ToString(CultureInfo.InvariantCulture))} {service} {fuzzCase.Method} {Shorten(fuzzCase.Url)} — {fuzzCase.Description}");
}

foreach (var (service, fuzzCase, status, _) in results.Where(r => r.Status > 0 && !r.HeadersOk).Take(10))
{
    Console.WriteLine($"  headers missing: {status} {service} {fuzzCase.Method} {Shorten(fuzzCase.Url)} — {fuzzCase.Description}");
}

return failed ? 1 : 0;

static async Task<(int Status, bool HeadersOk)> SendAsync(HttpClient http, Case fuzzCase, string token)
{
    using var request = new HttpRequestMessage(new HttpMethod(fuzzCase.Method), fuzzCase.Url);
    if (fuzzCase.Authenticated)
    {
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    }

    foreach (var (name, value) in fuzzCase.Headers)
    {
        request.Headers.TryAddWithoutValidation(name, value);
    }

    if (fuzzCase.Body is not null)
    {
        request.Content = new ByteArrayContent(fuzzCase.Body);
        if (fuzzCase.ContentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzzCase.ContentType);
        }
    }

    try
    {
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var headersOk = response.Headers.Contains("X-Content-Type-Options") && response.Headers.Contains("X-Frame-Options")
            && response.Headers.Contains("Content-Security-Policy") && !response.Headers.Contains("Server");
        return ((int)response.StatusCode, headersOk);
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        return (0, false);
    }
}

static async Task<string> HealthAsync(HttpClient http, Uri baseUrl)
{
    try
    {
        using var response = await http.GetAsync(new Uri(baseUrl, "/health"));
        return response.StatusCode == HttpStatusCode.OK ? "Healthy" : $"{(int)response.StatusCode}";
    }
    catch (HttpRequestException e)
    {
        return "down: " + e.Message;
    }
}

static string Shorten(string value) => value.Length <= 120 ? value : value[..120] + "…";
