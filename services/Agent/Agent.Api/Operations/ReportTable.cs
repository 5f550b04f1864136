using System.Text;

namespace SupportPlatform.Agent.Operations;

/// <summary>A column of a report table; numbers are right-aligned on the page.</summary>
public sealed record ReportColumn(string Label, bool Numeric = false);

/// <summary>
/// One table of the operations view, defined once for the page and its CSV download, so the two
/// never disagree. <see cref="Id"/> names it in the page (<c>#id</c>) and in the CSV's file name;
/// an empty cell (null) shows as "—" and stays empty in the CSV.
/// </summary>
public sealed record ReportTable(string Id, string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows)
{
    /// <summary>
    /// The table as CSV, UTF-8 with a byte order mark: without it, Excel reads the file in the
    /// system's legacy code page and shows the Korean as mojibake.
    /// </summary>
    public byte[] ToCsv()
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', Columns.Select(c => Quote(c.Label)))).Append("\r\n");
        foreach (var row in Rows)
        {
            csv.Append(string.Join(',', row.Select(cell => Quote(cell ?? string.Empty)))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>
    /// Quoted when it needs to be; a cell that a spreadsheet would run as a formula (a staff name
    /// starting with =, +, - or @) is prefixed with an apostrophe.
    /// </summary>
    private static string Quote(string cell)
    {
        if (cell.Length > 0 && "=+-@".Contains(cell[0], StringComparison.Ordinal) && !double.TryParse(cell, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            cell = "'" + cell;
        }

        return cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }
}
