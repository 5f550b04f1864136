namespace SupportPlatform.AppHost;

/// <summary>Writes lines from many children without interleaving them, each prefixed with its source.</summary>
public sealed class ConsoleOutput(TextWriter writer, bool color)
{
    private static readonly string[] Colors = ["\e[36m", "\e[33m", "\e[35m", "\e[32m", "\e[34m", "\e[91m"];

    private readonly Lock gate = new();
    private readonly Dictionary<string, string> colorOf = [];

    public int PrefixWidth { get; init; } = 12;

    public void Write(string source, string line)
    {
        lock (gate)
        {
            var prefix = source.PadRight(PrefixWidth);
            if (color)
            {
                if (!colorOf.TryGetValue(source, out var code))
                {
                    code = Colors[colorOf.Count % Colors.Length];
                    colorOf[source] = code;
                }

                writer.WriteLine($"{code}{prefix}|\e[0m {line}");
            }
            else
            {
                writer.WriteLine($"{prefix}| {line}");
            }
        }
    }

    public void Write(string line)
    {
        lock (gate)
        {
            writer.WriteLine(line);
        }
    }
}
