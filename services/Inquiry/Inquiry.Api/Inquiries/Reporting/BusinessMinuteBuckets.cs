using System.Numerics;

namespace SupportPlatform.Inquiry.Inquiries.Reporting;

/// <summary>
/// The buckets the response-time histograms count business minutes in: one per minute below
/// <see cref="ExactBelow"/>, then 32 per doubling (64–65, 66–67, …, 126–127, 128–131, …), so a
/// bucket is never wider than 1/32 of its smallest value. The same numbering is computed in SQL
/// by <c>inquiry.business_minute_bucket</c> (Migrations/0010) with the same integer arithmetic.
/// </summary>
public static class BusinessMinuteBuckets
{
    public const int ExactBelow = 64;

    private const int PerDoubling = 32;

    /// <summary>The most a percentile from the buckets is off, relative to the true value: 1/32 (3.1%), none below 64 minutes.</summary>
    public const double RelativeBound = 1.0 / PerDoubling;

    public static int BucketOf(int minutes)
    {
        if (minutes < ExactBelow)
        {
            return Math.Max(minutes, 0);
        }

        var shift = BitOperations.Log2((uint)minutes) - 5;
        return (PerDoubling * shift) + (minutes >> shift);
    }

    /// <summary>The smallest number of minutes in <paramref name="bucket"/>.</summary>
    public static int LowerBound(int bucket) =>
        bucket < ExactBelow ? bucket : ((bucket % PerDoubling) + PerDoubling) << ((bucket / PerDoubling) - 1);

    /// <summary>How many whole minutes <paramref name="bucket"/> holds (1 below 64 minutes).</summary>
    public static int Width(int bucket) => bucket < ExactBelow ? 1 : 1 << ((bucket / PerDoubling) - 1);

    /// <summary>
    /// What <c>percentile_cont(<paramref name="fraction"/>)</c> gives over the values counted in
    /// <paramref name="counts"/> (index: bucket), estimated: the values of a bucket are taken as
    /// spread evenly over its minutes, then the two values around the fraction's position are
    /// interpolated as <c>percentile_cont</c> does. Exact where both lie below 64 minutes; otherwise
    /// off by less than the width of the bucket of the larger one. Null when nothing is counted.
    /// </summary>
    public static double? Percentile(IReadOnlyList<long> counts, double fraction)
    {
        var total = counts.Sum();
        if (total == 0)
        {
            return null;
        }

        var position = fraction * (total - 1);
        var below = (long)Math.Floor(position);
        var lower = ValueAt(counts, below);
        return below == position ? lower : lower + ((position - below) * (ValueAt(counts, below + 1) - lower));
    }

    /// <summary>The estimated value of rank <paramref name="rank"/> (0: the smallest).</summary>
    private static double ValueAt(IReadOnlyList<long> counts, long rank)
    {
        for (var bucket = 0; bucket < counts.Count; bucket++)
        {
            if (rank < counts[bucket])
            {
                // The j-th of c values in a bucket of whole minutes lo … lo + w - 1: at the middle of its share.
                return LowerBound(bucket) + ((Width(bucket) - 1) * (rank + 0.5) / counts[bucket]);
            }

            rank -= counts[bucket];
        }

        throw new ArgumentOutOfRangeException(nameof(rank), "The rank is beyond the values counted.");
    }
}
