using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;

namespace AuditClient.Cli.Input;

/// <summary>
/// CloudFactory reviews from CSV, one review per record, turned into the review's wire JSON so that CSV and JSONL are
/// read by the same code. The header holds the wire field names (<c>workstream_id</c>, <c>review_score</c>...); a
/// name with a dot fills an object: <c>errors.missing_label</c>, <c>review_metadata.Person accuracy</c>,
/// <c>review_measurements.attribute_1_count</c>. An empty cell is an absent field. A cell of a number column
/// (<c>review_score</c>, <c>review_duration</c>, the counts, <c>errors.*</c>, <c>review_measurements.*</c>) that is a
/// JSON number is written as a number, a <c>replace_duplicate</c> cell that is true or false as a boolean, and every
/// other cell as text: the SDK's check then reports each cell of the wrong kind by its column's wire path
/// (<c>review_score: must be a number</c>), every one of the line.
/// </summary>
internal static class ReviewCsv
{
    private static readonly HashSet<string> NumberFields = new(StringComparer.Ordinal)
    {
        "review_score", "review_duration", "task_review_count", "subtask_review_count",
    };

    private static readonly HashSet<string> BooleanFields = new(StringComparer.Ordinal) { "replace_duplicate" };

    public static IEnumerable<InputRecord> Read(string path)
    {
        var malformed = new Queue<CsvMalformedRecord>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = malformed.Enqueue,
        };

        using var stream = InputFile.Open(path);
        using var reader = CsvReader.Create(stream, options, leaveOpen: false);
        string[] headers;
        string? headerProblem = null;
        try
        {
            headers = [.. reader.Headers];
        }
        catch (CsvFormatException e)
        {
            headers = [];
            headerProblem = e.Message;
        }

        if (headerProblem is not null)
        {
            yield return Broken(1, $"the header cannot be read: {headerProblem}");
            yield break;
        }

        if (headers.Length == 0)
        {
            yield break;
        }

        var duplicate = headers.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            yield return Broken(1, $"the header names the column '{duplicate.Key}' twice");
            yield break;
        }

        while (true)
        {
            bool more;
            string? failure = null;
            try
            {
                more = reader.Read();
            }
            catch (CsvFormatException e)
            {
                more = false;
                failure = e.Message;
            }

            while (malformed.TryDequeue(out var bad))
            {
                yield return Broken((int)bad.LineNumber, Reason(bad.Reason, headers.Length));
            }

            if (failure is not null)
            {
                yield return Broken((int)reader.LineNumber, failure);
            }

            if (!more)
            {
                yield break;
            }

            yield return ToRecord((int)reader.LineNumber, reader, headers);
        }
    }

    private static InputRecord ToRecord(int line, CsvReader reader, string[] headers)
    {
        var root = new JsonObject();
        for (var i = 0; i < headers.Length; i++)
        {
            var text = reader.GetString(i);
            if (text.Length == 0)
            {
                continue;
            }

            var name = headers[i].Trim();
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            var (parent, key) = dot > 0 ? (Child(root, name[..dot]), name[(dot + 1)..]) : (root, name);
            if (parent is null)
            {
                return Broken(line, $"column '{name}': '{name[..dot]}' is also a column of its own");
            }

            parent[key] = Value(dot > 0 ? name[..dot] : name, text);
        }

        return new InputRecord(line, root.ToJsonString(), null);
    }

    private static JsonObject? Child(JsonObject root, string name)
    {
        if (root[name] is JsonObject existing)
        {
            return existing;
        }

        if (root.ContainsKey(name))
        {
            return null;
        }

        var created = new JsonObject();
        root[name] = created;
        return created;
    }

    private static JsonNode? Value(string field, string text)
    {
        if ((NumberFields.Contains(field) || field is "errors" or "review_measurements") && IsJsonNumber(text))
        {
            return JsonNode.Parse(text.Trim());
        }

        if (BooleanFields.Contains(field) && bool.TryParse(text.Trim(), out var flag))
        {
            return JsonValue.Create(flag);
        }

        return JsonValue.Create(text);
    }

    private static bool IsJsonNumber(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || !(char.IsAsciiDigit(trimmed[0]) || trimmed[0] == '-'))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed);
            return document.RootElement.ValueKind == JsonValueKind.Number;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Reason(CsvMalformedReason reason, int columns) => reason switch
    {
        CsvMalformedReason.FieldCountMismatch => $"the record does not have the header's {columns.ToString(CultureInfo.InvariantCulture)} fields",
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field (quote the field and double its quotes)",
        CsvMalformedReason.TextAfterClosingQuote => "text after the closing quote of a field",
        CsvMalformedReason.UnterminatedQuote => "a quoted field is never closed",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside a quoted field",
        _ => $"malformed CSV ({reason})",
    };

    private static InputRecord Broken(int line, string rule) => new(line, null, new Problem(true, "$", "malformed CSV: " + rule));
}
