using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AuditClient.Scale;
using AuditClient.Testing;

namespace AuditClient.Reports.Tests;

/// <summary>The page of a report from the fakes' tasks: self-contained, every chart drawn, the table's numbers the report's.</summary>
public sealed partial class QualityReportHtmlTests
{
    private static async Task<(QualityReport Report, string Html)> RenderAsync()
    {
        await using var fakes = await AuditFakes.StartAsync(o => o.GeneratedTaskCount = 150);
        using var clients = fakes.CreateClients();
        var accumulator = new QualityAccumulator();
        await foreach (var task in clients.ScaleTasks.ListAllTasksAsync(new AuditClient.Scale.ScaleTaskQuery()))
        {
            accumulator.AddScaleTask(task, await clients.ScaleAudits.ListAuditsAsync(task.TaskId));
        }

        // The generated tasks have no fixless audits: one audited task with counted errors of two severities.
        accumulator.AddScaleTask(
            new ScaleTask { TaskId = "audited", Status = ScaleTaskStatus.Completed, CompletedAt = DateTimeOffset.UnixEpoch },
            [new FixlessAudit
            {
                Id = "a1",
                Result = FixlessAuditResult.Rejected,
                CreatedAt = DateTimeOffset.UnixEpoch,
                FeedbackItems =
                [
                    new FeedbackItem { Type = FeedbackItemType.Error, Category = FeedbackItemCategory.Geometry, Severity = FeedbackItemSeverity.Severe },
                    new FeedbackItem { Type = FeedbackItemType.Error, Category = FeedbackItemCategory.Missing },
                ],
            }]);
        accumulator.AddReview(new AuditClient.CloudFactory.TaskReview { WorkerId = "w1", ReviewScore = 0.8, ReviewCompletedAt = DateTimeOffset.UnixEpoch });
        var report = accumulator.ToReport();
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        QualityReportHtml.Write(report, writer, "Scale <fakes> & co");
        return (report, writer.ToString());
    }

    [Test]
    public async Task The_page_fetches_nothing_runs_nothing_and_declares_a_strict_content_security_policy()
    {
        var (_, html) = await RenderAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Does.Contain("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-"));
            Assert.That(html, Does.Not.Contain("<script").IgnoreCase);
            Assert.That(Regex.Matches(html, @"(?:src|href)\s*=", RegexOptions.IgnoreCase), Is.Empty, "no attribute loads anything");
            Assert.That(Regex.Matches(html, @"url\((?!#)", RegexOptions.IgnoreCase), Is.Empty, "only references inside the page");
            Assert.That(html, Does.Not.Contain("@import"));
            Assert.That(html, Does.Contain("<title>Scale &lt;fakes&gt; &amp; co</title>"), "text is escaped");
        }
    }

    [Test]
    public async Task Every_chart_is_an_inline_svg_with_labels_and_ids_unique_in_the_page()
    {
        var (_, html) = await RenderAsync();

        var charts = Chart().Matches(html).Select(m => m.Groups[1].Value).ToList();
        var ids = Regex.Matches(html, "id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(charts, Is.SupersetOf(new[] { "pareto", "annotation-errors", "weekly-acceptance", "batch-acceptance", "workers", "audit-time" }));
            Assert.That(ids, Is.Unique);
            foreach (var svg in Regex.Matches(html, "<svg.*?</svg>", RegexOptions.Singleline).Select(m => m.Value))
            {
                var document = XElement.Parse(svg);
                Assert.That(document.Descendants().Count(e => e.Name.LocalName == "text"), Is.GreaterThan(2), "axes have labels");
                Assert.That(document.Descendants().Count(e => e.Name.LocalName is "path" or "rect"), Is.GreaterThan(3), "something is drawn");
            }
        }
    }

    [Test]
    public async Task The_headline_shows_the_reports_numbers()
    {
        var (report, html) = await RenderAsync();

        var acceptance = report.Acceptance.Share;
        var row = Regex.Match(html, "<tr><td>Acceptance rate</td><td>([^<]+)</td><td>([^<]+)</td><td>([^<]+)</td>");

        Assert.That(row.Success, Is.True);
        Assert.That(row.Groups[1].Value, Is.EqualTo(acceptance.Rate!.Value.ToString("0.0%", CultureInfo.InvariantCulture)));
        Assert.That(row.Groups[2].Value, Is.EqualTo($"{acceptance.Low!.Value.ToString("0.0%", CultureInfo.InvariantCulture)} to {acceptance.High!.Value.ToString("0.0%", CultureInfo.InvariantCulture)}"));
        Assert.That(row.Groups[3].Value, Is.EqualTo(acceptance.Total.ToString("N0", CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task The_page_shows_the_numbers_of_the_JSON_form()
    {
        var (report, html) = await RenderAsync();

        using var json = System.Text.Json.JsonDocument.Parse(QualityReportJson.Serialize(report));
        var acceptance = json.RootElement.GetProperty("acceptance").GetProperty("share");
        var pareto = json.RootElement.GetProperty("counted_errors").EnumerateArray().ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Does.Contain($"<tr><td>Acceptance rate</td><td>{acceptance.GetProperty("rate").GetDouble().ToString("0.0%", CultureInfo.InvariantCulture)}</td>"));
            Assert.That(json.RootElement.GetProperty("acceptance").GetProperty("verdict").GetString(), Is.EqualTo(report.Acceptance.Verdict.ToString()));
            foreach (var row in pareto)
            {
                Assert.That(html, Does.Contain($"<tr><td>{row.GetProperty("category").GetString()}</td><td>{row.GetProperty("count").GetInt32()}</td>"));
            }
        }
    }

    [GeneratedRegex("<div class=\"chart\" id=\"([^\"]+)\"")]
    private static partial Regex Chart();
}
