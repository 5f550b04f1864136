using System.Globalization;
using System.Net;

namespace SupportPlatform.Fuzzing;

/// <summary>Command-line options. Only loopback targets are accepted: this program attacks what it is pointed at.</summary>
public sealed record FuzzOptions(
    IReadOnlyList<(string Name, Uri BaseUrl)> Services, string SigningKey, int MaxRequests, TimeSpan MaxDuration, int Seed, int Concurrency)
{
    public static FuzzOptions Parse(string[] args)
    {
        var services = new List<(string, Uri)>();
        string? key = null;
        int maxRequests = 6000, seconds = 240, seed = 1, concurrency = 4;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--service":
                    var (name, url) = (value[..value.IndexOf('=', StringComparison.Ordinal)], new Uri(value[(value.IndexOf('=', StringComparison.Ordinal) + 1)..]));
                    if (!IPAddress.TryParse(url.Host, out var address) || !IPAddress.IsLoopback(address))
                    {
                        throw new ArgumentException($"{url} is not a loopback address; ApiFuzz only targets services on this machine.");
                    }

                    services.Add((name, url));
                    break;
                case "--signing-key": key = value; break;
                case "--max-requests": maxRequests = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--max-seconds": seconds = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--concurrency": concurrency = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return services.Count == 0 || key is null
            ? throw new ArgumentException("usage: ApiFuzz --signing-key KEY --service name=http://127.0.0.1:PORT [...] [--max-requests N] [--max-seconds N] [--seed N] [--concurrency N]")
            : new FuzzOptions(services, key, maxRequests, TimeSpan.FromSeconds(seconds), seed, concurrency);
    }
}

/// <summary>One generated request. <see cref="Authenticated"/>: with a staff token holding every role.</summary>
public sealed record Case(string Method, string Url, string? ContentType, byte[]? Body, IReadOnlyDictionary<string, string> Headers, bool Authenticated, string Description);
