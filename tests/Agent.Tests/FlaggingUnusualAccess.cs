extern alias agent;

using Xunit;
using AccessRecord = agent::SupportPlatform.Agent.AccessRecords.AccessRecord;
using PatternKind = agent::SupportPlatform.Agent.AccessRecords.Inspecting.PatternKind;
using PatternThresholds = agent::SupportPlatform.Agent.AccessRecords.Inspecting.PatternThresholds;
using UnusualPatterns = agent::SupportPlatform.Agent.AccessRecords.Inspecting.UnusualPatterns;

namespace SupportPlatform.Agent.Tests;

/// <summary>The patterns the monthly inspection is shown: bursts of views, bursts of downloads, views out of hours.</summary>
public sealed class FlaggingUnusualAccess
{
    /// <summary>A Tuesday, 10:00 in Seoul.</summary>
    private static readonly DateTimeOffset Tuesday10 = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(9));

    private static readonly Guid Member = Guid.NewGuid();

    [Fact]
    public void Thirty_different_inquiries_opened_within_ten_minutes_are_one_flag()
    {
        var records = Views(30, TimeSpan.FromSeconds(15));

        var flag = Assert.Single(UnusualPatterns.Find(records, new PatternThresholds()));

        Assert.Equal((PatternKind.ManyInquiries, Member, 30), (flag.Kind, flag.StaffId, flag.RecordIds.Count));
    }

    [Fact]
    public void The_same_inquiry_opened_thirty_times_or_thirty_opened_over_an_afternoon_is_not_flagged()
    {
        var sameInquiry = Views(30, TimeSpan.FromSeconds(15)).Select(r => r with { InquiryId = Guid.Empty });
        var spread = Views(30, TimeSpan.FromMinutes(5));

        Assert.Empty(UnusualPatterns.Find(sameInquiry, new PatternThresholds()));
        Assert.Empty(UnusualPatterns.Find(spread, new PatternThresholds()));
    }

    [Fact]
    public void Views_at_night_and_at_the_weekend_are_flagged_by_Korean_time()
    {
        var night = Record(1, "inquiry.view", Tuesday10.AddHours(12)); // 22:00 KST, 13:00 UTC
        var saturday = Record(2, "inquiry.view", Tuesday10.AddDays(4));
        var morning = Record(3, "inquiry.view", Tuesday10.AddHours(-1)); // 09:00 KST, 00:00 UTC

        var flags = UnusualPatterns.Find([night, saturday, morning], new PatternThresholds());

        Assert.Equal([1L, 2L], flags.Where(f => f.Kind == PatternKind.OutsideWorkingHours).SelectMany(f => f.RecordIds).Order());
    }

    [Fact]
    public void Twenty_downloads_within_ten_minutes_are_a_bulk_download()
    {
        var downloads = Enumerable.Range(1, 20).Select(i => Record(i, "attachment.download", Tuesday10.AddSeconds(20 * i))).ToList();

        Assert.Equal(PatternKind.BulkDownload, Assert.Single(UnusualPatterns.Find(downloads, new PatternThresholds())).Kind);
        Assert.Empty(UnusualPatterns.Find(downloads.Take(19), new PatternThresholds()));
    }

    [Fact]
    public void Reads_through_the_api_count_with_the_desks_views_and_downloads()
    {
        var views = Views(30, TimeSpan.FromSeconds(15)).Select((r, i) => i % 2 == 0 ? r with { Action = "api.inquiry.view" } : r);
        var downloads = Enumerable.Range(1, 20).Select(i => Record(i, i % 2 == 0 ? "api.attachment.download" : "api.export.download", Tuesday10.AddSeconds(20 * i)));

        Assert.Equal(PatternKind.ManyInquiries, Assert.Single(UnusualPatterns.Find(views, new PatternThresholds())).Kind);
        Assert.Equal(PatternKind.BulkDownload, Assert.Single(UnusualPatterns.Find(downloads, new PatternThresholds())).Kind);
    }

    private static List<AccessRecord> Views(int count, TimeSpan apart) =>
        [.. Enumerable.Range(1, count).Select(i => Record(i, "inquiry.view", Tuesday10 + (apart * i)) with { InquiryId = Guid.NewGuid() })];

    private static AccessRecord Record(long id, string action, DateTimeOffset at) =>
        new(id, at, Member, "agent", "10.0.0.1", action, Guid.NewGuid(), null, null, null, [], []);
}
