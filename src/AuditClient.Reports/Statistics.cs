namespace AuditClient.Reports;

/// <summary>
/// A share, <see cref="Count"/> of <see cref="Total"/>, with its 95% Wilson score interval: unlike the normal
/// approximation, it stays inside [0, 1] and is honest for small samples and for rates near 0 or 1.
/// </summary>
/// <param name="Count">How many of the sample have the property.</param>
/// <param name="Total">The sample size.</param>
public readonly record struct Proportion(int Count, int Total)
{
    // The 97.5th percentile of the standard normal distribution: a two-sided 95% interval.
    internal const double Z = 1.959963984540054;

    /// <summary><see cref="Count"/> / <see cref="Total"/>; <see langword="null"/> for an empty sample.</summary>
    public double? Rate => Total > 0 ? (double)Count / Total : null;

    /// <summary>The lower end of the 95% Wilson score interval; <see langword="null"/> for an empty sample.</summary>
    public double? Low => Interval(-1);

    /// <summary>The upper end of the 95% Wilson score interval; <see langword="null"/> for an empty sample.</summary>
    public double? High => Interval(1);

    private double? Interval(int sign)
    {
        if (Total <= 0)
        {
            return null;
        }

        double n = Total, p = Count / n, z2 = Z * Z;
        var center = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = Z / (1 + (z2 / n)) * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n)));
        return Math.Clamp(center + (sign * half), 0, 1);
    }

    internal Proportion Plus(Proportion other) => new(Count + other.Count, Total + other.Total);
}

/// <summary>
/// A mean of a sample with its 95% interval (mean ± 1.96 standard errors, the sample's standard deviation; no interval
/// below two values). Kept as sums, so that two samples merge exactly.
/// </summary>
/// <param name="Count">The sample size.</param>
/// <param name="Sum">The sum of the values.</param>
/// <param name="SumOfSquares">The sum of the squares of the values.</param>
public readonly record struct Mean(int Count, double Sum, double SumOfSquares)
{
    /// <summary>The mean; <see langword="null"/> for an empty sample.</summary>
    public double? Value => Count > 0 ? Sum / Count : null;

    /// <summary>The lower end of the 95% interval, never below 0 for a sample of counts; <see langword="null"/> below two values.</summary>
    public double? Low => Count > 1 ? Math.Max(0, Sum / Count - HalfWidth) : null;

    /// <summary>The upper end of the 95% interval; <see langword="null"/> below two values.</summary>
    public double? High => Count > 1 ? (Sum / Count) + HalfWidth : null;

    private double HalfWidth
    {
        get
        {
            var mean = Sum / Count;
            var variance = Math.Max(0, (SumOfSquares - (Count * mean * mean)) / (Count - 1));
            return Proportion.Z * Math.Sqrt(variance / Count);
        }
    }

    internal Mean With(double value) => new(Count + 1, Sum + value, SumOfSquares + (value * value));

    internal Mean Plus(Mean other) => new(Count + other.Count, Sum + other.Sum, SumOfSquares + other.SumOfSquares);
}

/// <summary>A sample's spread: its size, quartiles, the 10th and 90th percentiles, and its values counted into bins.</summary>
public sealed class Distribution
{
    internal Distribution(List<double> values, double binWidth)
    {
        values.Sort();
        Count = values.Count;
        if (Count > 0)
        {
            Min = values[0];
            Max = values[^1];
            P10 = Quantile(values, 0.10);
            P25 = Quantile(values, 0.25);
            Median = Quantile(values, 0.50);
            P75 = Quantile(values, 0.75);
            P90 = Quantile(values, 0.90);
        }

        var bins = new SortedDictionary<double, int>();
        foreach (var value in values)
        {
            var start = Math.Floor(value / binWidth) * binWidth;
            bins[start] = bins.GetValueOrDefault(start) + 1;
        }

        BinWidth = binWidth;
        Bins = [.. bins.Select(b => new DistributionBin(b.Key, b.Key + binWidth, b.Value))];
    }

    /// <summary>The sample size.</summary>
    public int Count { get; }

    /// <summary>The smallest value; <see langword="null"/> for an empty sample.</summary>
    public double? Min { get; }

    /// <summary>The 10th percentile (linear interpolation between the closest ranks).</summary>
    public double? P10 { get; }

    /// <summary>The first quartile.</summary>
    public double? P25 { get; }

    /// <summary>The median.</summary>
    public double? Median { get; }

    /// <summary>The third quartile.</summary>
    public double? P75 { get; }

    /// <summary>The 90th percentile.</summary>
    public double? P90 { get; }

    /// <summary>The largest value.</summary>
    public double? Max { get; }

    /// <summary>The width of each of <see cref="Bins"/>.</summary>
    public double BinWidth { get; }

    /// <summary>The values counted into bins [start, end) of <see cref="BinWidth"/>, in order; a bin without values is left out.</summary>
    public IReadOnlyList<DistributionBin> Bins { get; }

    // The definition of R's and NumPy's default (type 7): exact at the ends, linear between ranks.
    internal static double Quantile(List<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}

/// <summary>One bin of a <see cref="Distribution"/>: the values in [<paramref name="Start"/>, <paramref name="End"/>).</summary>
/// <param name="Start">The bin's lower bound, included.</param>
/// <param name="End">The bin's upper bound, excluded.</param>
/// <param name="Count">How many values fall in it.</param>
public readonly record struct DistributionBin(double Start, double End, int Count);
