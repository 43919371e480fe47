using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;

namespace AuditClient.Reports;

/// <summary>
/// Writes a <see cref="QualityReport"/> as one self-contained HTML page: no script, and nothing fetched (no font, style
/// sheet or image from anywhere), so that it opens offline and under a strict Content-Security-Policy, which the page
/// declares itself. Charts are inline SVG drawn by ScottPlot; every figure is printed with its sample size and interval
/// too, so the page reads the same printed or without the charts.
/// </summary>
public static partial class QualityReportHtml
{
    private const string Style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1000px;color:#1b1b1b;padding:0 1rem}
        h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
        table{border-collapse:collapse;margin:.6rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}
        th:first-child,td:first-child{text-align:left}.met{color:#1a7f37}.missed{color:#b42318}.uncertain{color:#9a6700}
        .chart svg{max-width:100%;height:auto}.note{color:#555}
        @media print{.chart{break-inside:avoid}h2{break-after:avoid}}
        """;

    /// <summary>Writes the page.</summary>
    /// <param name="report">The figures.</param>
    /// <param name="writer">Where the page goes (UTF-8).</param>
    /// <param name="title">The page's title, such as the vendor and projects.</param>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> or <paramref name="writer"/> is <see langword="null"/>.</exception>
    public static void Write(QualityReport report, TextWriter writer, string title = "Vendor quality")
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        var styleHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)));
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-{styleHash}'; img-src data:">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{E(title)}</title><style>{Style}</style></head><body>
            <h1>{E(title)}</h1>
            """);

        Scope(html, report);
        Headline(html, report);
        Failures(html, report);
        Trend(html, report);
        Workers(html, report);
        Effort(html, report);
        Worst(html, report);
        html.Append("</body></html>\n");
        writer.Write(html.ToString());
    }

    private static void Scope(StringBuilder html, QualityReport r)
    {
        html.Append("<h2>Scope</h2><table>");
        Row(html, "Projects", r.Projects.Count == 0 ? "none" : string.Join(", ", r.Projects));
        Row(html, "Batches", r.Batches.Count.ToString(CultureInfo.InvariantCulture));
        Row(html, "Period (completed)", r.PeriodStart is { } s && r.PeriodEnd is { } e ? $"{Day(s)} to {Day(e)}" : "no task");
        Row(html, "Tasks", N(r.Tasks));
        Row(html, "Tasks completed", N(r.TasksCompleted));
        Row(html, "Tasks audited", $"{N(r.TasksAudited.Count)} ({Percent(r.TasksAudited.Rate)} of completed)");
        foreach (var (source, count) in r.AuditsBySource)
        {
            Row(html, "Audits: " + source, N(count));
        }

        html.Append("</table>");
    }

    private static void Headline(StringBuilder html, QualityReport r)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2>Headline against the SLA ({Percent(r.Sla)})</h2>");
        html.Append("<table><tr><th>figure</th><th>value</th><th>95% interval</th><th>n</th><th>SLA</th></tr>");
        Share(html, "Acceptance rate", r.Acceptance.Share, r.Acceptance.Verdict);
        Share(html, "First-pass acceptance", r.FirstPassAcceptance.Share, r.FirstPassAcceptance.Verdict);
        Share(html, "Rejection rate", r.Rejection, null);
        Share(html, "Fix rate", r.FixRate, null);
        MeanRow(html, "Counted errors per task (fixless)", r.CountedErrorsPerTask);
        MeanRow(html, "Per-annotation errors per task", r.AnnotationErrorsPerTask);
        html.Append("</table><p class=\"note\">Shares carry 95% Wilson intervals; the SLA is met when the whole interval is at or above it, "
            + "missed when the whole interval is below it, and uncertain otherwise.</p>");
    }

    private static void Failures(StringBuilder html, QualityReport r)
    {
        html.Append("<h2>Where it fails</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Counted feedback-item errors ({N(r.CountedErrors.Sum(c => c.Count))}: type error, severity standard or severe, not a grader conflict, latest fixless audit only), by category and severity.</p>");
        if (r.CountedErrors.Count > 0)
        {
            var severities = r.CountedErrors.SelectMany(c => c.BySeverity.Keys).Distinct().OrderBy(s => s == "severe" ? 0 : 1).ThenBy(s => s, StringComparer.Ordinal).ToList();
            Chart(html, "pareto", plot =>
            {
                var palette = new[] { Colors.FireBrick, Colors.Orange, Colors.SteelBlue, Colors.Gray };
                var bars = new List<Bar>();
                for (var i = 0; i < r.CountedErrors.Count; i++)
                {
                    double baseValue = 0;
                    for (var s = 0; s < severities.Count; s++)
                    {
                        var n = r.CountedErrors[i].BySeverity.GetValueOrDefault(severities[s]);
                        bars.Add(new Bar { Position = i, ValueBase = baseValue, Value = baseValue + n, FillColor = palette[Math.Min(s, palette.Length - 1)] });
                        baseValue += n;
                    }
                }

                plot.Add.Bars(bars);
                Ticks(plot, r.CountedErrors.Select(c => c.Category).ToList());
                plot.Axes.Left.Label.Text = "counted errors";
                plot.Axes.Margins(bottom: 0);
                for (var s = 0; s < severities.Count; s++)
                {
                    plot.Legend.ManualItems.Add(new LegendItem { LabelText = severities[s], FillColor = palette[Math.Min(s, palette.Length - 1)] });
                }

                plot.Legend.IsVisible = true;
            });
            html.Append("<table><tr><th>category</th><th>counted</th>");
            foreach (var severity in severities)
            {
                html.Append(CultureInfo.InvariantCulture, $"<th>{E(severity)}</th>");
            }

            html.Append("</tr>");
            foreach (var row in r.CountedErrors)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(row.Category)}</td><td>{N(row.Count)}</td>");
                foreach (var severity in severities)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<td>{N(row.BySeverity.GetValueOrDefault(severity))}</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</table>");
        }

        if (r.AnnotationErrorsByType.Count > 0)
        {
            html.Append("<p>Per-annotation errors of task audits, by type.</p>");
            Chart(html, "annotation-errors", plot =>
            {
                plot.Add.Bars(r.AnnotationErrorsByType.Values.Select(v => (double)v).ToArray());
                Ticks(plot, r.AnnotationErrorsByType.Keys.ToList());
                plot.Axes.Left.Label.Text = "errors";
                plot.Axes.Margins(bottom: 0);
            });
        }

        html.Append(CultureInfo.InvariantCulture, $"<p>Grader conflicts (your auditors' items Scale's grader marked invalid): {N(r.Conflicts.Count)} of {N(r.Conflicts.Total)} graded items, {Percent(r.Conflicts.Rate)} ({Interval(r.Conflicts.Low, r.Conflicts.High)}).</p>");
    }

    private static void Trend(StringBuilder html, QualityReport r)
    {
        html.Append("<h2>Trend</h2>");
        if (r.Weeks.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Acceptance rate per ISO week of completion, with its 95% interval and the SLA ({Percent(r.Sla)}).</p>");
            Chart(html, "weekly-acceptance", plot => ShareTrend(plot, r.Weeks, r.Sla));
            Points(html, "week", r.Weeks);
        }

        if (r.ByBatch.Count > 0)
        {
            html.Append("<p>Acceptance rate per batch.</p>");
            Chart(html, "batch-acceptance", plot => ShareBars(plot, r.ByBatch, r.Sla));
            Points(html, "batch", r.ByBatch);
        }
    }

    // Batches have no order a line could follow: a bar each, with its interval as an error bar.
    private static void ShareBars(Plot plot, IReadOnlyList<TrendPoint> points, double sla)
    {
        var withData = points.Where(p => p.Acceptance.Total > 0).ToList();
        double[] xs = [.. Enumerable.Range(0, withData.Count).Select(i => (double)i)];
        double[] rates = [.. withData.Select(p => p.Acceptance.Rate!.Value)];
        if (withData.Count > 0)
        {
            plot.Add.Bars(rates);
            plot.Add.Plottable(new ScottPlot.Plottables.ErrorBar(
                xs,
                rates,
                null,
                null,
                [.. withData.Select(p => p.Acceptance.Rate!.Value - p.Acceptance.Low!.Value)],
                [.. withData.Select(p => p.Acceptance.High!.Value - p.Acceptance.Rate!.Value)]));
        }

        ShareAxes(plot, withData, sla);
    }

    // A share's axes: 0 to 1, the SLA as a dashed line, a tick per point.
    private static void ShareAxes(Plot plot, List<TrendPoint> points, double sla)
    {
        var target = plot.Add.HorizontalLine(sla);
        target.Color = Colors.FireBrick;
        target.LinePattern = LinePattern.Dashed;
        Ticks(plot, points.Select(p => p.Key).ToList());
        plot.Axes.SetLimitsY(0, 1.02);
        plot.Axes.Left.Label.Text = "acceptance";
    }

    private static void ShareTrend(Plot plot, IReadOnlyList<TrendPoint> points, double sla)
    {
        var withData = points.Where(p => p.Acceptance.Total > 0).ToList();
        double[] xs = [.. Enumerable.Range(0, withData.Count).Select(i => (double)i)];
        if (withData.Count > 0)
        {
            var band = plot.Add.FillY(xs, [.. withData.Select(p => p.Acceptance.Low!.Value)], [.. withData.Select(p => p.Acceptance.High!.Value)]);
            band.FillColor = Colors.SteelBlue.WithAlpha(0.25);
            var line = plot.Add.Scatter(xs, [.. withData.Select(p => p.Acceptance.Rate!.Value)]);
            line.Color = Colors.SteelBlue;
        }

        ShareAxes(plot, withData, sla);
    }

    private static void Points(StringBuilder html, string what, IReadOnlyList<TrendPoint> points)
    {
        html.Append(CultureInfo.InvariantCulture, $"<table><tr><th>{what}</th><th>audited</th><th>acceptance</th><th>95% interval</th><th>counted errors per task</th><th>95% interval</th></tr>");
        foreach (var p in points)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(p.Key)}</td><td>{N(p.Audited)}</td><td>{Percent(p.Acceptance.Rate)}</td><td>{Interval(p.Acceptance.Low, p.Acceptance.High)}</td><td>{Number(p.CountedErrorsPerTask.Value)}</td><td>{Range(p.CountedErrorsPerTask.Low, p.CountedErrorsPerTask.High)}</td></tr>");
        }

        html.Append("</table>");
    }

    private static void Workers(StringBuilder html, QualityReport r)
    {
        if (r.Workers.Count == 0)
        {
            return;
        }

        html.Append("<h2>Who (CloudFactory reviews)</h2><p>Workers whose median review score is below the threshold come first.</p>");
        var shown = r.Workers.Take(30).ToList();
        Chart(html, "workers", plot =>
        {
            plot.Add.Bars(shown.Select(w => w.Scores.Median ?? 0).ToArray());
            Ticks(plot, shown.Select(w => w.WorkerId).ToList());
            plot.Axes.SetLimitsY(0, 1.02);
            plot.Axes.Left.Label.Text = "median review score";
        });
        html.Append("<table><tr><th>worker</th><th>reviews</th><th>median score</th><th>10th-90th percentile</th><th>errors</th><th>below threshold</th></tr>");
        foreach (var w in r.Workers)
        {
            var errors = string.Join(", ", w.ErrorsByType.Take(5).Select(e => $"{e.Key} {N(e.Value)}"));
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(w.WorkerId)}</td><td>{N(w.Reviews)}</td><td>{Number(w.Scores.Median)}</td><td>{Range(w.Scores.P10, w.Scores.P90)}</td><td>{E(errors)}</td><td>{(w.BelowThreshold ? "<span class=\"missed\">yes</span>" : "no")}</td></tr>");
        }

        html.Append("</table>");
    }

    private static void Effort(StringBuilder html, QualityReport r)
    {
        if (r.AuditTime.Count == 0)
        {
            return;
        }

        html.Append("<h2>Effort</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Audit time per audited task (n = {N(r.AuditTime.Count)}): median {Number(r.AuditTime.Median)} s, 10th-90th percentile {Range(r.AuditTime.P10, r.AuditTime.P90)} s; active time median {Number(r.ActiveTime.Median)} s.</p>");
        Chart(html, "audit-time", plot =>
        {
            var bins = r.AuditTime.Bins;
            plot.Add.Bars(bins.Select(b => (double)b.Count).ToArray());
            Ticks(plot, bins.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Start / 60:0}-{b.End / 60:0} min")).ToList());
            plot.Axes.Left.Label.Text = "tasks";
            plot.Axes.Margins(bottom: 0);
        });
    }

    private static void Worst(StringBuilder html, QualityReport r)
    {
        if (r.WorstTasks.Count == 0)
        {
            return;
        }

        html.Append("<h2>Drill-down: the worst tasks</h2><table><tr><th>task</th><th>project</th><th>batch</th><th>verdict</th><th>counted errors</th><th>categories</th><th>per-annotation errors</th><th>conflicts</th></tr>");
        foreach (var t in r.WorstTasks)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(t.TaskId)}</td><td>{E(t.Project ?? string.Empty)}</td><td>{E(t.Batch ?? string.Empty)}</td><td>{E(t.Verdict ?? string.Empty)}</td><td>{N(t.CountedErrors)}</td><td>{E(string.Join(", ", t.Categories))}</td><td>{N(t.AnnotationErrors)}</td><td>{N(t.Conflicts)}</td></tr>");
        }

        html.Append("</table>");
    }

    private static void Chart(StringBuilder html, string id, Action<Plot> draw)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        draw(plot);
        var svg = plot.GetSvgXml(900, 360);

        // Each chart's clip paths get ids of their own: the page holds several charts, and ids must be unique in it.
        svg = ClipId().Replace(svg, m => m.Groups[1].Value + id + "-" + m.Groups[2].Value);
        svg = svg[svg.IndexOf("<svg", StringComparison.Ordinal)..];
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"chart\" id=\"{id}\" role=\"img\">{svg}</div>");
    }

    private static void Ticks(Plot plot, IReadOnlyList<string> labels)
    {
        // A long name (a batch) would take the chart's height: it is cut to its end, which tells batches apart, and
        // the tables below the charts carry the whole names.
        labels = [.. labels.Select(l => l.Length <= 24 ? l : "…" + l[^23..])];
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, labels.Count).Select(i => (double)i)], [.. labels]);
        if (labels.Count > 8)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;

            // Room below the axis for the slanted labels: ScottPlot sizes the axis for upright ones and cuts the rest.
            plot.Axes.Bottom.MinimumSize = 11 + (6 * labels.Max(l => l.Length));
        }
    }

    private static void Share(StringBuilder html, string name, Proportion share, SlaVerdict? verdict)
    {
        var judged = verdict switch
        {
            SlaVerdict.Met => "<span class=\"met\">met</span>",
            SlaVerdict.Missed => "<span class=\"missed\">missed</span>",
            SlaVerdict.Uncertain => "<span class=\"uncertain\">uncertain</span>",
            SlaVerdict.NoData => "no data",
            _ => string.Empty,
        };
        html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(name)}</td><td>{Percent(share.Rate)}</td><td>{Interval(share.Low, share.High)}</td><td>{N(share.Total)}</td><td>{judged}</td></tr>");
    }

    private static void MeanRow(StringBuilder html, string name, Mean mean) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(name)}</td><td>{Number(mean.Value)}</td><td>{Range(mean.Low, mean.High)}</td><td>{N(mean.Count)}</td><td></td></tr>");

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<tr><th>{E(name)}</th><td>{E(value)}</td></tr>");

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double? share) => share is { } s ? s.ToString("0.0%", CultureInfo.InvariantCulture) : "n/a";

    private static string Number(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "n/a";

    private static string Interval(double? low, double? high) => low is { } l && high is { } h ? $"{Percent(l)} to {Percent(h)}" : "n/a";

    private static string Range(double? low, double? high) => low is { } l && high is { } h ? $"{Number(l)} to {Number(h)}" : "n/a";

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex("((?:id=\"|url\\(#))(cl_\\d+)")]
    private static partial Regex ClipId();
}
