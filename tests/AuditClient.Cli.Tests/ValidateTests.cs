using System.Text;
using AuditClient.Docs;

namespace AuditClient.Cli.Tests;

public class ValidateTests
{
    [Test]
    public async Task Every_problem_is_a_FILE_LINE_line_on_standard_error_then_a_summary_and_errors_give_exit_code_5()
    {
        var path = Cli.Temp("reviews.jsonl", string.Join('\n',
            Cli.Review(1),
            Cli.Review(2, score: 1.5),
            "{\"workstream_id\": \"ws\", \"review_score\": ",
            "null",
            Cli.Review(5, extra: ",\"review_type\":\"Spot check\"")) + "\n");

        var run = await Cli.RunAsync(["validate", "reviews", path]);

        Assert.That(run.ExitCode, Is.EqualTo(5), run.ToString());
        Assert.That(run.Out, Is.Empty, "standard output carries data only");
        Assert.That(run.ErrorLines, Is.EqualTo(new[]
        {
            $"{path}:2: error review_score: must be a number between 0 and 1",
            $"{path}:3: error review_score: malformed JSON: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed (at character 41)",
            $"{path}:4: error $: must be an object",
            $"{path}:5: warning review_type: is not one of 'QA', 'QC', 'Spot Check' or 'Others' (did you mean 'Spot Check'?)",
            $"{path}: 5 reviews checked, 2 valid, 3 with errors (3 errors, 1 warning)",
        }));
    }

    [Test]
    public async Task Warnings_alone_give_exit_code_0()
    {
        var path = Cli.Temp("reviews.jsonl", Cli.Review(1, extra: ",\"review_type\":\"Spot check\"") + "\n");

        var run = await Cli.RunAsync(["validate", "reviews", path]);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.ErrorLines[0], Does.StartWith($"{path}:1: warning review_type:"));
    }

    [Test]
    public async Task A_value_of_the_wrong_type_names_its_field()
    {
        var path = Cli.Temp("reviews.jsonl", Cli.Review(1).Replace("\"worker_id\":\"w@example.com\"", "\"worker_id\":{\"a\":1}", StringComparison.Ordinal) + "\n");

        var run = await Cli.RunAsync(["validate", "reviews", path]);

        Assert.That(run.ExitCode, Is.EqualTo(5));
        Assert.That(run.ErrorLines[..^1], Is.EqualTo(new[] { $"{path}:1: error worker_id: must be a string" }), run.ToString());
    }

    [Test]
    public async Task Jsonl_with_a_BOM_CRLF_and_empty_lines_keeps_the_file_line_numbers()
    {
        var content = "\r\n" + Cli.Review(1) + "\r\n\r\n   \r\n" + Cli.Review(2, score: -1) + "\r\n";
        var path = Cli.Temp("reviews.jsonl", content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var run = await Cli.RunAsync(["validate", "reviews", path]);

        Assert.That(File.ReadAllBytes(path)[..3], Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(run.ErrorLines, Is.EqualTo(new[]
        {
            $"{path}:5: error review_score: must be a number between 0 and 1",
            $"{path}: 2 reviews checked, 1 valid, 1 with errors (1 error, 0 warnings)",
        }), run.ToString());
    }

    [Test]
    public async Task Csv_with_a_BOM_CRLF_quoted_commas_and_empty_lines_is_read_with_the_wire_names_as_header()
    {
        var content = Cli.CsvHeader + "\r\n"
            + Cli.CsvRow(1, explanation: "\"two labels missing, one wrong\"") + "\r\n"
            + "\r\n"
            + Cli.CsvRow(2, score: "1.5", explanation: "\"quoted \"\"word\"\", and a comma\"") + "\r\n"
            + Cli.CsvRow(3, score: "high") + "\r\n"
            + Cli.CsvRow(4, explanation: "\"a note\non two lines\"") + "\r\n"
            + Cli.CsvRow(5) + "\r\n";
        var path = Cli.Temp("reviews.csv", content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var run = await Cli.RunAsync(["validate", "reviews", path]);

        Assert.That(run.ErrorLines, Is.EqualTo(new[]
        {
            $"{path}:4: error review_score: must be a number between 0 and 1",
            $"{path}:5: error review_score: must be a number",
            $"{path}: 5 reviews checked, 3 valid, 2 with errors (2 errors, 0 warnings)",
        }), run.ToString());
        Assert.That(run.ExitCode, Is.EqualTo(5));
    }

    [Test]
    public async Task Every_wrong_cell_of_a_csv_row_is_reported_by_its_columns_wire_path()
    {
        var content = Cli.CsvHeader + ",review_duration,replace_duplicate,task_review_count\n"
            + "ws-1,uc-1,td-1,task-1,review-1,,yesterday,high,,many,long,yes,120.5x\n"
            + "ws-1,uc-1,td-1,task-2,review-2,w@example.com,2026-01-05T10:13:24.127Z,0.5,,1,120,true,3\n";
        var path = Cli.Temp("reviews.csv", content);

        var run = await Cli.RunAsync(["validate", "reviews", path]);

        // The summary line is left out: every line before it is one problem.
        Assert.That(run.ErrorLines[..^1], Is.EqualTo(new[]
        {
            $"{path}:2: error review_completed_at: must be an ISO 8601 date-time such as 2024-01-03T03:08:58.200Z",
            $"{path}:2: error review_score: must be a number",
            $"{path}:2: error review_duration: must be a number",
            $"{path}:2: error replace_duplicate: must be a boolean",
            $"{path}:2: error task_review_count: must be a number",
            $"{path}:2: error worker_id: is required",
            $"{path}:2: warning errors.missing_label: should be a number (the number of occurrences of the error type), as in the spec's example",
        }), run.ToString());
        Assert.That(run.ExitCode, Is.EqualTo(5));
    }

    [Test]
    public async Task A_missing_field_and_a_value_of_the_wrong_kind_on_one_line_are_two_problems()
    {
        var path = Cli.Temp("reviews.jsonl", Cli.Review(1).Replace("\"worker_id\":\"w@example.com\",", string.Empty, StringComparison.Ordinal).Replace("\"review_score\":0.5", "\"review_score\":\"high\"", StringComparison.Ordinal) + "\n");

        var run = await Cli.RunAsync(["validate", "reviews", path]);

        Assert.That(run.ErrorLines[..^1], Is.EqualTo(new[]
        {
            $"{path}:1: error review_score: must be a number",
            $"{path}:1: error worker_id: is required",
        }), run.ToString());
    }

    [Test]
    public async Task Malformed_csv_is_an_error_of_its_line_and_the_lines_after_it_are_still_read()
    {
        var content = Cli.CsvHeader + "\n"
            + Cli.CsvRow(1) + "\n"
            + "ws-1,uc-1,td-1,task-2\n"
            + Cli.CsvRow(3, explanation: "bad\"quote") + "\n"
            + Cli.CsvRow(4, score: "2") + "\n";
        var path = Cli.Temp("reviews.csv", content);

        var run = await Cli.RunAsync(["validate", "reviews", path]);

        Assert.That(run.ExitCode, Is.EqualTo(5), run.ToString());
        Assert.That(run.ErrorLines, Has.Some.StartsWith($"{path}:3: error $: malformed CSV: the record does not have the header's 10 fields"));
        Assert.That(run.ErrorLines, Has.Some.StartsWith($"{path}:4: error $: malformed CSV: a quote inside an unquoted field"));
        Assert.That(run.ErrorLines, Has.Some.EqualTo($"{path}:5: error review_score: must be a number between 0 and 1"));
        Assert.That(run.ErrorLines[^1], Is.EqualTo($"{path}: 4 reviews checked, 1 valid, 3 with errors (3 errors, 0 warnings)"));
    }

    [Test]
    public async Task Audits_are_checked_with_the_grader_policy_given()
    {
        // A label error without an annotation scope: the grader would drop it from quality scores.
        var audit = Cli.Audit().Replace("\"category\":\"geometry\",\"scope\":{\"type\":\"annotation\",\"annotation_id\":\"box_1\",", "\"category\":\"label\",\"scope\":{\"type\":\"scene\",", StringComparison.Ordinal);
        var path = Cli.Temp("audits.jsonl", audit + "\n");

        var byDefault = await Cli.RunAsync(["validate", "audits", path]);
        var warn = await Cli.RunAsync(["validate", "audits", path, "--grader-rules", "warn"]);
        var fromConfig = await Cli.RunAsync(["validate", "audits", path], new Dictionary<string, string?> { ["AuditClients__Scale__GraderRules"] = "Warn" });

        Assert.That(byDefault.ExitCode, Is.EqualTo(5), byDefault.ToString());
        Assert.That(byDefault.ErrorLines[0], Is.EqualTo($"{path}:1: error feedback_items[0].scope.type: must be 'annotation' when category is 'label'"));
        Assert.That(warn.ExitCode, Is.EqualTo(0), warn.ToString());
        Assert.That(warn.ErrorLines[0], Does.StartWith($"{path}:1: warning feedback_items[0].scope.type:"));
        Assert.That(fromConfig.ExitCode, Is.EqualTo(0), fromConfig.ToString());
    }

    [Test]
    public async Task A_value_outside_a_closed_set_is_an_error_naming_the_nearest_documented_value()
    {
        var path = Cli.Temp("audits.jsonl", Cli.Audit().Replace("\"category\":\"geometry\"", "\"category\":\"geometery\"", StringComparison.Ordinal) + "\n");

        var run = await Cli.RunAsync(["validate", "audits", path]);

        Assert.That(run.ExitCode, Is.EqualTo(5), run.ToString());
        Assert.That(run.ErrorLines[0], Is.EqualTo(
            $"{path}:1: error feedback_items[0].category: must be one of 'attribute', 'extraneous', 'geometry', 'label', 'missing' or 'position', not 'geometery' (did you mean 'geometry'?)"));
    }

    [Test]
    public async Task Allow_unlisted_turns_only_the_sets_it_names_into_warnings_by_option_or_configuration()
    {
        var audit = Cli.Audit().Replace("\"type\":\"error\",\"category\":\"geometry\"", "\"type\":\"error\",\"category\":\"occlusion\",\"severity\":\"critical\"", StringComparison.Ordinal);
        Assume.That(audit, Does.Contain("occlusion"));
        var path = Cli.Temp("audits.jsonl", audit + "\n");

        var byDefault = await Cli.RunAsync(["validate", "audits", path]);
        var both = await Cli.RunAsync(["validate", "audits", path, "--allow-unlisted", "category,severity"]);
        var repeated = await Cli.RunAsync(["validate", "audits", path, "--allow-unlisted", "category", "--allow-unlisted", "severity"]);
        var one = await Cli.RunAsync(["validate", "audits", path, "--allow-unlisted", "category"]);
        var fromConfig = await Cli.RunAsync(["validate", "audits", path], new Dictionary<string, string?> { ["AuditClients__Scale__AllowUnlistedValues"] = "FeedbackItemCategory, FeedbackItemSeverity" });
        var optionOverConfig = await Cli.RunAsync(["validate", "audits", path, "--allow-unlisted", "type"], new Dictionary<string, string?> { ["AuditClients__Scale__AllowUnlistedValues"] = "FeedbackItemCategory, FeedbackItemSeverity" });

        Assert.That(byDefault.ExitCode, Is.EqualTo(5), byDefault.ToString());
        Assert.That(byDefault.ErrorLines.Take(2), Is.EqualTo(new[]
        {
            $"{path}:1: error feedback_items[0].category: must be one of 'attribute', 'extraneous', 'geometry', 'label', 'missing' or 'position', not 'occlusion'",
            $"{path}:1: error feedback_items[0].severity: must be one of 'mild', 'standard' or 'severe', not 'critical'",
        }));
        Assert.That(both.ExitCode, Is.EqualTo(0), both.ToString());
        Assert.That(both.ErrorLines.Take(2), Is.EqualTo(new[]
        {
            $"{path}:1: warning feedback_items[0].category: must be one of 'attribute', 'extraneous', 'geometry', 'label', 'missing' or 'position', not 'occlusion'",
            $"{path}:1: warning feedback_items[0].severity: must be one of 'mild', 'standard' or 'severe', not 'critical'",
        }));
        Assert.That(repeated.ExitCode, Is.EqualTo(0), repeated.ToString());
        Assert.That(one.ExitCode, Is.EqualTo(5), one.ToString());
        Assert.That(one.ErrorLines.Take(2), Is.EqualTo(new[]
        {
            $"{path}:1: warning feedback_items[0].category: must be one of 'attribute', 'extraneous', 'geometry', 'label', 'missing' or 'position', not 'occlusion'",
            $"{path}:1: error feedback_items[0].severity: must be one of 'mild', 'standard' or 'severe', not 'critical'",
        }));
        Assert.That(fromConfig.ExitCode, Is.EqualTo(0), fromConfig.ToString());
        Assert.That(optionOverConfig.ExitCode, Is.EqualTo(5), optionOverConfig.ToString());
    }

    [Test]
    public async Task An_unknown_set_is_a_usage_error_on_the_command_line_and_a_configuration_error_in_the_configuration()
    {
        var path = Cli.Temp("audits.jsonl", Cli.Audit() + "\n");

        var option = await Cli.RunAsync(["validate", "audits", path, "--allow-unlisted", "category,categry"]);
        var configured = await Cli.RunAsync(["validate", "audits", path], new Dictionary<string, string?> { ["AuditClients__Scale__AllowUnlistedValues"] = "FeedbackItemCategory, Categories" });

        Assert.That(option.ExitCode, Is.EqualTo(2), option.ToString());
        Assert.That(option.Error, Does.Contain("--allow-unlisted: 'categry' is not one of type, category, severity, missing-annotation-type."));
        Assert.That(configured.ExitCode, Is.EqualTo(3), configured.ToString());
        Assert.That(configured.Error, Does.Contain("AuditClients:Scale:AllowUnlistedValues: 'Categories' is not one of None, FeedbackItemType, FeedbackItemCategory, FeedbackItemSeverity, MissingAnnotationType"));
    }

    [Test]
    public async Task The_samples_in_the_repository_validate_as_the_docs_show()
    {
        var samples = Path.Combine(DocSnippets.RepositoryRoot, "samples", "cli");

        var reviews = await Cli.RunAsync(["validate", "reviews", Path.Combine(samples, "reviews.jsonl")]);
        var csv = await Cli.RunAsync(["validate", "reviews", Path.Combine(samples, "reviews.csv")]);
        var audits = await Cli.RunAsync(["validate", "audits", Path.Combine(samples, "audits.jsonl")]);
        var broken = await Cli.RunAsync(["validate", "reviews", Path.Combine(samples, "reviews-with-errors.jsonl")]);

        Assert.That(reviews.ExitCode, Is.EqualTo(0), reviews.ToString());
        Assert.That(csv.ExitCode, Is.EqualTo(0), csv.ToString());
        Assert.That(audits.ExitCode, Is.EqualTo(0), audits.ToString());
        Assert.That(broken.ExitCode, Is.EqualTo(5), broken.ToString());
    }
}
