using System.Text;

namespace SupportPlatform.AppHost;

/// <summary>A TextWriter that hands each written line to a callback (to prefix the infrastructure's messages).</summary>
public sealed class LineWriter(Action<string> writeLine) : TextWriter
{
    private readonly StringBuilder pending = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            writeLine(pending.ToString().TrimEnd('\r'));
            pending.Clear();
        }
        else
        {
            pending.Append(value);
        }
    }
}
