using AuditClient.Reports;

namespace AuditClient.Reports.Tests;

public sealed class StatisticsTests
{
    // Reference values computed from Wilson's formula outside this code (Python, z = 1.959963984540054); 8 of 10 is
    // also the textbook example (0.490, 0.943).
    [TestCase(8, 10, 0.490162, 0.943318)]
    [TestCase(0, 10, 0.0, 0.277533)]
    [TestCase(10, 10, 0.722467, 1.0)]
    [TestCase(95, 100, 0.888250, 0.978456)]
    [TestCase(1, 1, 0.206549, 1.0)]
    public void A_share_has_the_Wilson_score_interval(int count, int total, double low, double high)
    {
        var share = new Proportion(count, total);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(share.Rate, Is.EqualTo((double)count / total));
            Assert.That(share.Low, Is.EqualTo(low).Within(1e-6));
            Assert.That(share.High, Is.EqualTo(high).Within(1e-6));
        }
    }

    [Test]
    public void An_empty_share_has_no_rate_and_no_interval()
    {
        var share = new Proportion(0, 0);

        Assert.That(new[] { share.Rate, share.Low, share.High }, Has.All.Null);
    }

    [Test]
    public void A_mean_has_the_interval_of_its_standard_error_and_none_below_two_values()
    {
        var mean = default(Mean).With(2).With(4).With(9);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(mean.Value, Is.EqualTo(5));

            // Sample standard deviation of {2, 4, 9}: sqrt(13); standard error sqrt(13 / 3).
            Assert.That(mean.High, Is.EqualTo(5 + (1.959963984540054 * Math.Sqrt(13.0 / 3))).Within(1e-9));
            Assert.That(mean.Low, Is.EqualTo(5 - (1.959963984540054 * Math.Sqrt(13.0 / 3))).Within(1e-9));
            Assert.That(default(Mean).With(0).With(1).With(9).Low, Is.EqualTo(0), "a count's interval never goes below zero");
            Assert.That(default(Mean).With(3).Low, Is.Null);
            Assert.That(default(Mean).With(3).Value, Is.EqualTo(3));
            Assert.That(default(Mean).Value, Is.Null);
        }
    }

    [Test]
    public void Two_means_merged_are_the_mean_of_all_their_values()
    {
        var merged = default(Mean).With(1).With(2).Plus(default(Mean).With(3).With(10));
        var whole = default(Mean).With(1).With(2).With(3).With(10);

        Assert.That(merged, Is.EqualTo(whole));
    }

    [Test]
    public void Quantiles_interpolate_between_the_closest_ranks_as_R_and_NumPy_do_by_default()
    {
        var distribution = new Distribution([7, 1, 3, 2, 10], 5);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(distribution.Count, Is.EqualTo(5));
            Assert.That(distribution.Min, Is.EqualTo(1));
            Assert.That(distribution.P10, Is.EqualTo(1.4).Within(1e-12));
            Assert.That(distribution.P25, Is.EqualTo(2));
            Assert.That(distribution.Median, Is.EqualTo(3));
            Assert.That(distribution.P75, Is.EqualTo(7));
            Assert.That(distribution.P90, Is.EqualTo(8.8).Within(1e-12));
            Assert.That(distribution.Max, Is.EqualTo(10));
            Assert.That(distribution.Bins, Is.EqualTo(new[] { new DistributionBin(0, 5, 3), new DistributionBin(5, 10, 1), new DistributionBin(10, 15, 1) }));
        }
    }

    [Test]
    public void An_empty_distribution_has_no_quantiles_and_no_bins()
    {
        var distribution = new Distribution([], 1);

        Assert.That(new[] { distribution.Min, distribution.Median, distribution.Max }, Has.All.Null);
        Assert.That(distribution.Bins, Is.Empty);
    }
}
