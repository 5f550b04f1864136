namespace SupportPlatform.Lounge.Pages;

/// <summary>Previous/next links over a list the Knowledge API pages.</summary>
public sealed record Pager(int Page, int PageSize, int Total, Func<int, string> Link)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
