using SupportPlatform.Inquiry.Inquiries.Reporting;
using Xunit;

namespace SupportPlatform.Inquiry.Tests.Domain;

/// <summary>
/// Issue 22 at a million inquiries: the operations view's medians and p90s come from per-day
/// histograms of business minutes (<see cref="BusinessMinuteBuckets"/>), and stay within the
/// bucket bound of what <c>percentile_cont</c> over every response gave.
/// </summary>
public sealed class EstimatingPercentilesFromBuckets
{
    /// <summary>The last bucket whose end is still an <see cref="int"/>.</summary>
    private static readonly int LastWhole = BusinessMinuteBuckets.BucketOf(int.MaxValue) - 1;

    [Fact]
    public void The_buckets_are_single_minutes_below_an_hour_and_then_tile_the_minutes_never_wider_than_a_32nd_of_their_start()
    {
        Assert.All(Enumerable.Range(0, 64), minutes => Assert.Equal((minutes, 1), (BusinessMinuteBuckets.BucketOf(minutes), BusinessMinuteBuckets.Width(minutes))));
        Assert.Equal(0, BusinessMinuteBuckets.BucketOf(-5));
        for (var bucket = 0; bucket < LastWhole; bucket++)
        {
            var (start, width) = (BusinessMinuteBuckets.LowerBound(bucket), BusinessMinuteBuckets.Width(bucket));
            Assert.Equal(start + width, BusinessMinuteBuckets.LowerBound(bucket + 1));
            Assert.Equal(bucket, BusinessMinuteBuckets.BucketOf(start));
            Assert.Equal(bucket, BusinessMinuteBuckets.BucketOf(start + width - 1));
            Assert.True(bucket < 64 || width <= start * BusinessMinuteBuckets.RelativeBound, $"bucket {bucket} ({start}+{width}) is too wide");
        }
    }

    [Fact]
    public void Nothing_counted_has_no_percentile_and_times_below_64_minutes_give_percentile_cont_exactly()
    {
        Assert.Null(BusinessMinuteBuckets.Percentile([], 0.5));
        Assert.Null(BusinessMinuteBuckets.Percentile([0, 0, 0], 0.9));
        var random = new Random(22);
        for (var round = 0; round < 200; round++)
        {
            var minutes = Enumerable.Range(0, random.Next(1, 50)).Select(_ => random.Next(0, 64)).ToArray();
            foreach (var fraction in new[] { 0.5, 0.9 })
            {
                Assert.Equal(PercentileCont(minutes, fraction), BusinessMinuteBuckets.Percentile(Histogram(minutes), fraction)!.Value, 9);
            }
        }
    }

    [Theory]
    [InlineData(1, 1_000, 60)]
    [InlineData(2, 50, 2_000)]
    [InlineData(3, 2_000, 600)]
    [InlineData(4, 300, 30_000)]
    public void Other_times_give_percentile_cont_within_the_bucket_of_the_larger_neighbour_and_a_32nd_of_the_value(int seed, int responses, double typicalMinutes)
    {
        var random = new Random(seed);
        for (var round = 0; round < 100; round++)
        {
            // Business minutes as response times spread: skewed, most short, a long tail.
            var minutes = Enumerable.Range(0, random.Next(1, responses))
                .Select(_ => (int)Math.Min(int.MaxValue / 2, typicalMinutes * Math.Exp(1.2 * Normal(random))))
                .ToArray();
            var sorted = minutes.Order().ToArray();
            foreach (var fraction in new[] { 0.5, 0.9 })
            {
                var exact = PercentileCont(minutes, fraction);
                var estimated = BusinessMinuteBuckets.Percentile(Histogram(minutes), fraction)!.Value;
                var above = sorted[(int)Math.Ceiling(fraction * (sorted.Length - 1))];
                var error = Math.Abs(estimated - exact);
                Assert.True(error <= BusinessMinuteBuckets.Width(BusinessMinuteBuckets.BucketOf(above)) - 1, $"p{fraction * 100} {estimated} for {exact}: beyond the bucket of {above}");
                Assert.True(error <= (exact * BusinessMinuteBuckets.RelativeBound) + 1e-9, $"p{fraction * 100} {estimated} for {exact}: more than a 32nd off");
            }
        }
    }

    /// <summary>PostgreSQL's <c>percentile_cont</c>: the values at the fraction's position, interpolated.</summary>
    private static double PercentileCont(int[] values, double fraction)
    {
        var sorted = values.Order().ToArray();
        var position = fraction * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = (int)Math.Ceiling(position);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    private static long[] Histogram(int[] minutes)
    {
        var counts = new long[minutes.Max(BusinessMinuteBuckets.BucketOf) + 1];
        foreach (var value in minutes)
        {
            counts[BusinessMinuteBuckets.BucketOf(value)]++;
        }

        return counts;
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
