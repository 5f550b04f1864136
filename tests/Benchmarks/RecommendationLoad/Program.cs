// GET /api/recommendations with 10,000 generated articles, as-you-type; then the search page
// (GET /api/articles?q=…&page=1|2) with the same 20 summaries, which ranks with the same index.
// Usage:
//   dotnet run -c Release --project tests/Benchmarks/RecommendationLoad -- [--articles 10000] [--seconds 15]
//       [--clients 16] [--postgres "<admin connection string>"] (RabbitMQ: a throwaway vhost on SUPPORTPLATFORM_TEST_RABBITMQ)
//       [--url http://host:port --database "<connection string of that service's database>"]
// Without --url the service runs in this process on Kestrel (Release, production settings) with a
// fresh database on the given server. The generated articles are written straight into that
// database (never into the shipped seed set); the service picks them up by its catalog-version
// refresh, which is timed too. Server time is read from the service's `Server-Timing: app;dur=`
// header (middleware after routing → first response byte); client time is the full round trip.
extern alias KnowledgeApi;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using KnowledgeApi::SupportPlatform.Knowledge.Articles;
using KnowledgeApi::SupportPlatform.Knowledge.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using NpgsqlTypes;
using SupportPlatform.Benchmarks;

var options = Args.Parse(args);
var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
KnowledgeService? service = null;
string? createdDatabase = null;
// A broker namespace of its own, deleted afterwards: no queue left by another run takes (and slows) its messages.
var vhost = new SupportPlatform.Testing.RabbitMqVhost();
await vhost.InitializeAsync();
try
{
    Uri baseAddress;
    string databaseConnection;
    if (options.Url is { } url)
    {
        baseAddress = new Uri(url);
        databaseConnection = options.Database ?? throw new ArgumentException("--url needs --database (the service's own database).");
    }
    else
    {
        createdDatabase = $"bench_knowledge_{stamp}";
        await Sql.ExecuteAsync(options.Postgres, $"CREATE DATABASE {createdDatabase}");
        databaseConnection = new NpgsqlConnectionStringBuilder(options.Postgres) { Database = createdDatabase }.ConnectionString;
        service = new KnowledgeService(databaseConnection, vhost.ConnectionString);
        baseAddress = service.Start();
    }

    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = baseAddress,
    };
    var before = await TotalAsync(http);
    var generated = Stopwatch.StartNew();
    await Generator.InsertAsync(databaseConnection, options.Articles, stamp);
    Console.WriteLine($"generated {options.Articles} articles in {generated.Elapsed.TotalSeconds:F1} s");
    var visible = Stopwatch.StartNew();
    while (await TotalAsync(http) < before + options.Articles)
    {
        await Task.Delay(100);
    }

    Console.WriteLine(FormattableString.Invariant($"index refresh saw them after {visible.Elapsed.TotalSeconds:F1} s (poll interval 1 s + rebuild)"));
    Console.WriteLine($"service: {baseAddress} ({(service is null ? "external" : "in-process Kestrel")}), {before + options.Articles} published articles");

    var prefixes = Typing.Prefixes();
    var recommendations = prefixes.Select(text => "/api/recommendations?limit=5&text=" + Uri.EscapeDataString(text)).ToList();
    Console.WriteLine($"{prefixes.Count} as-you-type prefixes from {Typing.Phrases.Length} phrases");
    await Load.RunAsync(http, recommendations, options.Clients, TimeSpan.FromSeconds(3)); // warm-up: JIT, pools
    var single = await Load.RunAsync(http, recommendations, 1, TimeSpan.FromSeconds(options.Seconds));
    Console.WriteLine(single.Describe("1 client"));
    var loaded = await Load.RunAsync(http, recommendations, options.Clients, TimeSpan.FromSeconds(options.Seconds));
    Console.WriteLine(loaded.Describe($"{options.Clients} clients"));
    Console.WriteLine(FormattableString.Invariant($"target: server p95 <= 15 ms → 1 client {single.ServerP95:F2} ms, {options.Clients} clients {loaded.ServerP95:F2} ms"));

    // The search page: each whole summary as a query, its first and second page (every article's
    // coverage and evidence are summed for the total; the page's 20 are measured in full).
    var searches = Typing.Phrases.SelectMany(phrase => new[] { 1, 2 }.Select(page => $"/api/articles?q={Uri.EscapeDataString(phrase)}&page={page}")).ToList();
    var listed = new List<int>();
    foreach (var phrase in Typing.Phrases)
    {
        listed.Add((await http.GetFromJsonAsync<JsonElement>("/api/articles?q=" + Uri.EscapeDataString(phrase))).GetProperty("total").GetInt32());
    }

    Console.WriteLine($"search page: {searches.Count} requests ({Typing.Phrases.Length} summaries × pages 1–2); articles listed per summary: min {listed.Min()}, median {listed.Order().ElementAt(listed.Count / 2)}, max {listed.Max()}");
    await Load.RunAsync(http, searches, options.Clients, TimeSpan.FromSeconds(3));
    var searchSingle = await Load.RunAsync(http, searches, 1, TimeSpan.FromSeconds(options.Seconds));
    Console.WriteLine(searchSingle.Describe("search page, 1 client"));
    var searchLoaded = await Load.RunAsync(http, searches, options.Clients, TimeSpan.FromSeconds(options.Seconds));
    Console.WriteLine(searchLoaded.Describe($"search page, {options.Clients} clients"));

    // An edit written as another replica would (straight to the database): how long until this
    // service recommends the edited article for a word only the edit contains (poll + patch).
    // Bounded, so a missed edit fails the run instead of hanging it.
    await using var editor = NpgsqlDataSource.Create(databaseConnection);
    var store = new ArticleStore(editor);
    var edits = new List<double>();
    for (var round = 0; round < 5; round++)
    {
        var slug = $"bench-{stamp}-{round * 997:D5}";
        var probe = $"quokkaprobe{(char)('a' + round)}";
        var article = (await store.FindAsync(slug, CancellationToken.None))!;
        // In the title: recommendations show only articles whose title or concepts carry the query (the cut-off).
        await store.UpdateAsync(slug, new ArticleContent($"{article.Title} {probe}", article.CategorySlug, article.Products, article.Body),
            "benchmark", DateTimeOffset.UtcNow, expectedRevision: null, seedHash: null, CancellationToken.None);
        var written = Stopwatch.StartNew();
        while (!(await http.GetFromJsonAsync<JsonElement[]>("/api/recommendations?limit=3&text=" + probe))!.Any(r => r.GetProperty("slug").GetString() == slug))
        {
            if (written.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"the edit of {slug} was not recommended within 30 s");
            }

            await Task.Delay(10);
        }

        edits.Add(written.Elapsed.TotalMilliseconds);
    }

    Console.WriteLine(FormattableString.Invariant($"edit → recommended (other replica: poll 0.5 s + patch): {string.Join(", ", edits.Select(e => $"{e:F0}"))} ms; target 1000 ms"));
}
finally
{
    await vhost.DisposeAsync();
    if (service is not null)
    {
        await service.DisposeAsync();
    }

    if (createdDatabase is not null)
    {
        NpgsqlConnection.ClearAllPools();
        await Sql.ExecuteAsync(options.Postgres, $"DROP DATABASE IF EXISTS {createdDatabase} WITH (FORCE)");
    }
}

static async Task<int> TotalAsync(HttpClient http) =>
    (await http.GetFromJsonAsync<JsonElement>("/api/articles")).GetProperty("total").GetInt32();

internal sealed record Args(int Articles, int Seconds, int Clients, string Postgres, string? Url, string? Database)
{
    public static Args Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        return new Args(
            int.Parse(Value("--articles") ?? "10000", CultureInfo.InvariantCulture),
            int.Parse(Value("--seconds") ?? "15", CultureInfo.InvariantCulture),
            int.Parse(Value("--clients") ?? "16", CultureInfo.InvariantCulture),
            Value("--postgres") ?? Environment.GetEnvironmentVariable("SUPPORTPLATFORM_TEST_POSTGRES")
                ?? "Host=127.0.0.1;Port=6441;Username=postgres;Password=postgres",
            Value("--url"),
            Value("--database"));
    }
}

internal sealed class KnowledgeService(string postgres, string rabbitMq) : WebApplicationFactory<KnowledgeApi::Program>
{
    private readonly int port = FreePort();

    public Uri Start()
    {
        // The service's own folder as content root (its appsettings.json), found from the repository root.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "SupportPlatform.sln")))
        {
            root = root.Parent;
        }

        Environment.SetEnvironmentVariable(
            "ASPNETCORE_TEST_CONTENTROOT_SUPPORTPLATFORM_KNOWLEDGE_API",
            Path.Combine(root?.FullName ?? AppContext.BaseDirectory, "services", "Knowledge", "Knowledge.Api"));
        UseKestrel(port);
        StartServer();
        return new Uri($"http://127.0.0.1:{port}");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:postgres", postgres);
        builder.UseSetting("ConnectionStrings:rabbitmq", rabbitMq);
        builder.UseSetting("Auth:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Knowledge:IndexRefreshSeconds", "0.5");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:SupportPlatform.Knowledge.Searching", "Information");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Articles made of the shipped articles' own vocabulary: their title words and body lines, recombined.</summary>
internal static class Generator
{
    public static async Task InsertAsync(string connectionString, int count, string stamp)
    {
        var seeds = SeedArticles.Shipped();
        var titleWords = seeds.SelectMany(s => s.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToArray();
        var lines = seeds.SelectMany(s => s.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(l => !l.StartsWith('#') && !l.StartsWith('|') && !l.StartsWith("```", StringComparison.Ordinal))
            .Distinct()
            .ToArray();
        var categories = new[] { "mail-security", "mail-security", "mail-security", "usage-guide", "security-notice" };
        var products = new[] { new[] { "TMSe" }, new[] { "TMW" }, new[] { "TMSe", "TMW" }, Array.Empty<string>() };
        var random = new Random(42);
        var now = DateTimeOffset.UtcNow;

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var rows = new List<(Guid Id, string Slug, string Title, string Category, string[] Products, string Body)>(count);
        for (var i = 0; i < count; i++)
        {
            var product = products[random.Next(products.Length)];
            var title = (product.Length > 0 ? $"[{product[0]}] " : string.Empty)
                + string.Join(' ', Enumerable.Range(0, random.Next(4, 9)).Select(_ => titleWords[random.Next(titleWords.Length)]));
            var body = string.Join("\n\n", Enumerable.Range(0, random.Next(6, 16)).Select(_ => lines[random.Next(lines.Length)]));
            rows.Add((Guid.CreateVersion7(), $"bench-{stamp}-{i:D5}", title, categories[random.Next(categories.Length)], product, body));
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY knowledge.articles (id, slug, title, category, products, body, status, revision, created_at, updated_at, published_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(row.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(row.Slug, NpgsqlDbType.Text);
                await writer.WriteAsync(row.Title, NpgsqlDbType.Text);
                await writer.WriteAsync(row.Category, NpgsqlDbType.Text);
                await writer.WriteAsync(row.Products, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(row.Body, NpgsqlDbType.Text);
                await writer.WriteAsync(ArticleStatus.Published, NpgsqlDbType.Text);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY knowledge.article_revisions (article_id, revision, title, category, products, body, editor, edited_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(row.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync(row.Title, NpgsqlDbType.Text);
                await writer.WriteAsync(row.Category, NpgsqlDbType.Text);
                await writer.WriteAsync(row.Products, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(row.Body, NpgsqlDbType.Text);
                await writer.WriteAsync("benchmark", NpgsqlDbType.Text);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await using (var bump = new NpgsqlCommand("UPDATE knowledge.catalog_version SET version = version + 1 WHERE id = 1", connection, transaction))
        {
            await bump.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}

/// <summary>What customers type into the summary box, one keystroke at a time (each prefix of two or more characters is a request).</summary>
internal static class Typing
{
    public static readonly string[] Phrases =
    [
        "랜섬웨어 관련 문의", "스팸메일이 계속 발송됩니다", "대량메일 발송이 차단돼요", "too many recipient 오류",
        "421 Your IP is not allowed to use smtp auth", "컨텐츠 필터가 동작하지 않아요", "특정 도메인 메일 예외 처리 방법",
        "일일 스팸 리스트 자동 로그인", "다우오피스에서 메일이 안 보여요", "SuperWhite IP 등록", "TMW 최대 수신자 수 제한",
        "TMSe 승인자 정보 유지 기능", "SMTP 인증 해외 IP 차단 설정", "시간당 접속 횟수 제한 해제", "1:1 문의는 어떻게 하나요",
        "뉴스레터 발송 시스템 연동", "RBL 등록 해제 요청", "SPF 검사 실패로 반송", "보안센터 로그인이 안 됩니다", "메일 서버 IP 화이트 처리",
    ];

    public static List<string> Prefixes() =>
        Phrases.SelectMany(phrase => Enumerable.Range(2, phrase.Length - 1).Select(length => phrase[..length]))
            .Where(prefix => !prefix.EndsWith(' '))
            .ToList();
}

internal sealed record LoadResult(double Rate, double ServerP50, double ServerP95, double ServerP99, double ClientP50, double ClientP95, double ClientP99, int Requests, int Failures)
{
    public string Describe(string label) => FormattableString.Invariant(
        $"{label}: {Rate:F0} req/s ({Requests} requests, {Failures} failed); server p50 {ServerP50:F2} / p95 {ServerP95:F2} / p99 {ServerP99:F2} ms; client p50 {ClientP50:F2} / p95 {ClientP95:F2} / p99 {ClientP99:F2} ms");
}

internal static class Load
{
    /// <summary>Requests the paths (relative URLs) round-robin from <paramref name="clients"/> clients for the duration.</summary>
    public static async Task<LoadResult> RunAsync(HttpClient http, IReadOnlyList<string> paths, int clients, TimeSpan duration)
    {
        var server = new List<double>[clients];
        var client = new List<double>[clients];
        var failures = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            server[c] = [];
            client[c] = [];
            // Each client types its own phrases from its own starting point.
            for (var i = c * 37; Stopwatch.GetTimestamp() < deadline; i++)
            {
                var path = paths[i % paths.Count];
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                client[c].Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (!response.IsSuccessStatusCode || !response.Headers.TryGetValues("Server-Timing", out var timing))
                {
                    Interlocked.Increment(ref failures);
                    continue;
                }

                server[c].Add(double.Parse(timing.First()["app;dur=".Length..], CultureInfo.InvariantCulture));
            }
        })));
        var elapsed = started.Elapsed.TotalSeconds;
        var serverAll = server.SelectMany(s => s).Order().ToArray();
        var clientAll = client.SelectMany(s => s).Order().ToArray();
        return new LoadResult(
            clientAll.Length / elapsed,
            Percentile(serverAll, 0.50), Percentile(serverAll, 0.95), Percentile(serverAll, 0.99),
            Percentile(clientAll, 0.50), Percentile(clientAll, 0.95), Percentile(clientAll, 0.99),
            clientAll.Length, failures);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
