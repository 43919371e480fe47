using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuditClient.Core.Bulk;
using AuditClient.Core.Serialization;
using AuditClient.Scale;
using AuditClient.Testing;
using AuditClient.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace AuditClient.Tests.Core.Bulk;

/// <summary>
/// Every malformed line of a journal is refused with <see cref="BulkJournalException"/> naming it, before anything is
/// sent: never another exception, never an item taken for done without the vendor's answer.
/// </summary>
public sealed class JournalLineTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(250);

    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("auditclient-journal-line-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string JournalPath => Path.Combine(_directory, "run.jsonl");

    public static IEnumerable<TestCaseData> MalformedDoneLines()
    {
        // The problem named in the message; empty where it is the JSON reader's own words.
        static TestCaseData Case(string name, Func<JsonObject, string> edit, string problem) => new TestCaseData(edit, problem).SetArgDisplayNames(name);
        static Func<JsonObject, string> Set(string property, JsonNode? value) => o =>
        {
            o[property] = value;
            return o.ToJsonString();
        };
        static Func<JsonObject, string> Remove(string property) => o =>
        {
            o.Remove(property);
            return o.ToJsonString();
        };

        yield return Case("key null", Set("key", null), "\"key\" is not a string");
        yield return Case("key a number", Set("key", 5), "\"key\" is not a string");
        yield return Case("key of another position", Set("key", "7:0123456789abcdef"), "\"key\" is not the item's position and content hash (\"index:hash\") with the line's \"index\"");
        yield return Case("key missing", Remove("key"), "\"key\" is not a string");
        yield return Case("index missing", Remove("index"), "\"index\" is not a whole number of 0 or more");
        yield return Case("index negative", Set("index", -1), "\"index\" is not a whole number of 0 or more");
        yield return Case("index not whole", Set("index", 0.5), "\"index\" is not a whole number of 0 or more");
        yield return Case("index a string", Set("index", "0"), "\"index\" is not a whole number of 0 or more");
        yield return Case("index too large", Set("index", 1e12), "\"index\" is not a whole number of 0 or more");
        yield return Case("state unknown", Set("state", "finished"), "\"state\" is not one of \"sent\", \"done\", \"failed\", \"in_doubt\"");
        yield return Case("state null", Set("state", null), "\"state\" is not one of \"sent\", \"done\", \"failed\", \"in_doubt\"");
        yield return Case("state missing", Remove("state"), "\"state\" is not one of \"sent\", \"done\", \"failed\", \"in_doubt\"");
        yield return Case("result a number", Set("result", 5), "a done line's \"result\" is not the vendor's answer (a JSON object)");
        yield return Case("result null", Set("result", null), "a done line's \"result\" is not the vendor's answer (a JSON object)");
        yield return Case("result missing", Remove("result"), "a done line's \"result\" is not the vendor's answer (a JSON object)");
        yield return Case("result a string", Set("result", "ok"), "a done line's \"result\" is not the vendor's answer (a JSON object)");
        yield return Case("result an array", Set("result", new JsonArray()), "a done line's \"result\" is not the vendor's answer (a JSON object)");
        yield return Case("result not the vendor's answer", Set("result", new JsonObject { ["id"] = 5 }), "a done line's \"result\" cannot be read as the vendor's answer: ");
        yield return Case("at not a date", Set("at", "yesterday"), "\"at\" is not a date and time");
        yield return Case("at a number", Set("at", 1714564800), "\"at\" is not a date and time");
        yield return Case("at missing", Remove("at"), "\"at\" is not a date and time");
        yield return Case("error a number", Set("error", 5), "\"error\" is not a string");
        yield return Case("hash not hexadecimal", Set("hash", "not-a-hash"), "\"hash\" is not 16 hexadecimal digits");
        yield return Case("an array", _ => "[1,2]", "it is a JSON array, not an object");
        yield return Case("a string", _ => "\"done\"", "it is a JSON string, not an object");
        yield return Case("null", _ => "null", "it is a JSON null, not an object");
        yield return Case("empty", _ => string.Empty, "");
        yield return Case("not JSON", _ => "{\"key\":", "");
    }

    [TestCaseSource(nameof(MalformedDoneLines))]
    public async Task A_malformed_line_is_refused_naming_its_line_and_what_is_wrong_before_anything_is_sent(Func<JsonObject, string> edit, string problem)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Audits(fakes, 3);
        var options = new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 1 };
        await clients.ScaleAudits.CreateAuditManyAsync(audits, options);
        var lines = File.ReadAllLines(JournalPath);
        var done = Array.FindIndex(lines, l => l.Contains("\"state\":\"done\"", StringComparison.Ordinal));
        lines[done] = edit(JsonNode.Parse(lines[done])!.AsObject());
        await File.WriteAllTextAsync(JournalPath, string.Join('\n', lines) + "\n");
        var before = await File.ReadAllBytesAsync(JournalPath);
        fakes.ClearRequests();

        var refused = await Assert.ThrowsAsync<BulkJournalException>(() => clients.ScaleAudits.CreateAuditManyAsync(audits, options));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused!.Message, Does.Contain(string.Create(CultureInfo.InvariantCulture, $"{JournalPath}: line {done + 1} cannot be read ({problem}")));
            Assert.That(refused.Message, Does.EndWith("). Only a torn last line is ignored; nothing was sent and the file was not changed."));
            Assert.That(fakes.Requests, Is.Empty);
            Assert.That(await File.ReadAllBytesAsync(JournalPath), Is.EqualTo(before));
        }
    }

    [TestCase("hash", null, "\"hash\" is missing (a journal of keys given by the caller holds each item's content hash)")]
    [TestCase("key", "line\nbreak", "\"key\" contains a control character (keys are printed in messages and journal lines)")]
    [TestCase("key", " ", "\"key\" is empty or white space")]
    public async Task A_line_of_a_journal_of_the_callers_keys_is_refused_for_a_key_no_run_could_give_or_without_its_hash(string property, string? value, string problem)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Audits(fakes, 2);
        var options = new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 1 };
        await clients.ScaleAudits.CreateAuditManyAsync(audits, a => a.TaskId!, options);
        var lines = File.ReadAllLines(JournalPath);
        var line = JsonNode.Parse(lines[1])!.AsObject();
        if (value is null)
        {
            line.Remove(property);
        }
        else
        {
            line[property] = value;
        }

        lines[1] = line.ToJsonString();
        await File.WriteAllTextAsync(JournalPath, string.Join('\n', lines) + "\n");
        fakes.ClearRequests();

        var refused = await Assert.ThrowsAsync<BulkJournalException>(() => clients.ScaleAudits.CreateAuditManyAsync(audits, a => a.TaskId!, options));

        Assert.That(refused!.Message, Is.EqualTo($"Journal {JournalPath}: line 2 cannot be read ({problem}). Only a torn last line is ignored; nothing was sent and the file was not changed."));
        Assert.That(fakes.Requests, Is.Empty);
    }

    [Test]
    public async Task A_line_that_is_not_UTF8_is_refused_naming_it()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Audits(fakes, 2);
        var options = new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 1 };
        await clients.ScaleAudits.CreateAuditManyAsync(audits, options);
        var lines = File.ReadAllLines(JournalPath);
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines.Take(2)) + "\n").Concat(new byte[] { 0xC3, 0x28, (byte)'\n' }).ToArray();
        await File.WriteAllBytesAsync(JournalPath, bytes);
        fakes.ClearRequests();

        var refused = await Assert.ThrowsAsync<BulkJournalException>(() => clients.ScaleAudits.CreateAuditManyAsync(audits, options));

        Assert.That(refused!.Message, Is.EqualTo($"Journal {JournalPath}: line 3 cannot be read (it is not UTF-8 text). Only a torn last line is ignored; nothing was sent and the file was not changed."));
        Assert.That(await File.ReadAllBytesAsync(JournalPath), Is.EqualTo(bytes));
        Assert.That(fakes.Requests, Is.Empty);
    }

    /// <summary>
    /// Over one line of a real journal (the header or any item's line) made malformed: a property set to a value of the
    /// wrong type or outside its values, a property it needs removed, the line cut short, or the line replaced by JSON
    /// that is not an object. Opening it either reads the same items as before or is refused with
    /// <see cref="BulkJournalException"/> (naming the line, for an item's line); nothing else is ever thrown.
    /// </summary>
    [Test]
    public async Task A_journal_with_any_line_made_malformed_reads_back_the_same_or_is_refused_naming_the_line()
    {
        var (lines, expected) = await RealJournalAsync();
        var original = Entries(lines, expected);
        Assert.That(original.Values.Select(e => e.State), Has.Some.EqualTo(JournalState.Done).And.Some.EqualTo(JournalState.Failed));

        var mutations =
            from line in Gen.Choose(0, lines.Length - 1)
            from kind in Gen.Choose(0, 3)
            from property in Gen.Elements(JsonNode.Parse(lines[line])!.AsObject().Select(p => p.Key).Append("result").ToArray())
            from value in BadValue(property, line == 0)
            from cut in Gen.Choose(0, lines[line].Length - 1)
            from other in Gen.Elements("[]", "[1]", "1", "-1", "\"x\"", "null", "true", "{}", "\"\"", " ")
            select new Mutation(line, kind switch
            {
                0 => Set(lines[line], property, value),
                1 => Remove(lines[line], property, line == 0),
                2 => lines[line][..cut],
                _ => other,
            }, $"line {line + 1}: {(kind switch { 0 => $"{property} = {value?.ToJsonString() ?? "null"}", 1 => "without " + property, 2 => "cut at " + cut, _ => "replaced by " + other })}");

        Check.One(Runs, Prop.ForAll(mutations.ToArbitrary(), mutation => ReadsSameOrRefused(lines, mutation, expected, original)));
    }

    /// <summary>
    /// Over any byte of a real journal replaced by any byte: opening it throws nothing but
    /// <see cref="BulkJournalException"/>, and every item it reads as done has the vendor's answer.
    /// </summary>
    [Test]
    public async Task A_journal_with_any_byte_changed_throws_nothing_but_BulkJournalException_and_never_reads_done_without_an_answer()
    {
        var (lines, expected) = await RealJournalAsync();
        var text = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        var flips = from at in Gen.Choose(0, text.Length - 2) from value in Gen.Choose(0, 255) select (At: at, Value: (byte)value);

        Check.One(Runs, Prop.ForAll(flips.ToArbitrary(), flip =>
        {
            var bytes = (byte[])text.Clone();
            bytes[flip.At] = flip.Value;
            var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".jsonl");
            File.WriteAllBytes(path, bytes);
            try
            {
                return Read(path, expected, entries => entries.Values.Where(e => e.State == JournalState.Done)
                    .All(e => e.Result is { } r && JsonSerializer.Deserialize(r, AuditClientJsonContext.Wire.FixlessAudit) is not null));
            }
            catch (BulkJournalException)
            {
                return true;
            }
        }));
    }

    [Test]
    public async Task A_line_asked_of_a_journal_already_closed_fails_saying_so_and_nothing_is_written()
    {
        var path = Path.Combine(_directory, "closed.jsonl");
        var journal = BulkJournal.Open(path, new JournalFor("scale.fixless_audit", null, AuditClientJsonContext.Wire.FixlessAudit, null, null, CallerKeys: false));
        await journal.DisposeAsync();
        var header = await File.ReadAllBytesAsync(path);

        var refused = await Assert.ThrowsAsync<BulkJournalException>(() => journal.SentAsync("0:0123456789abcdef", 0, null, DateTimeOffset.UtcNow));

        Assert.That(refused!.Message, Is.EqualTo($"Journal {path}: is closed."));
        Assert.That(await File.ReadAllBytesAsync(path), Is.EqualTo(header), "the header only");
    }

    private bool ReadsSameOrRefused(string[] lines, Mutation mutation, JournalFor expected, IReadOnlyDictionary<string, JournalEntry> original)
    {
        var mutated = (string[])lines.Clone();
        mutated[mutation.Line] = mutation.Text;
        try
        {
            var read = Entries(mutated, expected);
            return read.Count == original.Count && read.All(p => original.TryGetValue(p.Key, out var before) && before == p.Value)
                ? true
                : throw new AssertionException($"{mutation.Description}: read back other items");
        }
        catch (BulkJournalException e)
        {
            return mutation.Line == 0 || e.Message.Contains(string.Create(CultureInfo.InvariantCulture, $"line {mutation.Line + 1} cannot be read ("), StringComparison.Ordinal)
                ? true
                : throw new AssertionException($"{mutation.Description}: refused without naming the line: {e.Message}");
        }
    }

    private Dictionary<string, JournalEntry> Entries(string[] lines, JournalFor expected)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return Read(path, expected, entries => entries.ToDictionary(p => p.Key, p => p.Value));
    }

    private static T Read<T>(string path, JournalFor expected, Func<IReadOnlyDictionary<string, JournalEntry>, T> read)
    {
        var journal = BulkJournal.Open(path, expected);
        try
        {
            return read(journal.Entries);
        }
        finally
        {
            journal.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>A journal of a real run (done and failed items), and what its run expects of it.</summary>
    private async Task<(string[] Lines, JournalFor Expected)> RealJournalAsync()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Audits(fakes, 4);
        audits[2].TargetResponseUrl = null;
        await clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 1 });
        var lines = File.ReadAllLines(JournalPath);
        var header = JsonNode.Parse(lines[0])!;
        var target = ((ScaleAuditsClient)clients.ScaleAudits).Target;
        return (lines, new JournalFor("scale.fixless_audit", target, AuditClientJsonContext.Wire.FixlessAudit, (string?)header["input"], (int?)header["count"], CallerKeys: false));
    }

    /// <summary>A value <paramref name="property"/> cannot hold (a wrong type, or a string outside its values).</summary>
    private static Gen<JsonNode?> BadValue(string property, bool header)
    {
        var wrongTypes = new Func<JsonNode?>[] { () => null, () => 0, () => -1, () => 1.5, () => 1e40, () => true, () => new JsonObject(), () => new JsonArray() };
        string[] strings = (header, property) switch
        {
            (true, "journal") => ["", "auditclient", "another-tool"],
            (true, "version") => [],
            (true, "kind") => ["", "scale.task_audit", "cloudfactory.task_reviewed"],
            (true, "id") => ["", "x", "0123456789abcdef", "ABCDEF012345"],
            (true, "target") => [],
            (true, "input") => ["", "0123"],
            (true, "keys") => ["", "caller", "derived"],
            (true, _) => [],
            (false, "key") => ["", "x", "0:zz", "-1:0123456789abcdef", "99:0123456789abcdef"],
            (false, "index") => [],
            (false, "hash") => ["", "zz", "0123456789ABCDEF"],
            (false, "state") => ["", "Done", "finished"],
            (false, "at") => ["", "yesterday", "2024-13-45T00:00:00Z"],
            (false, _) => [],
        };

        // Any string is a valid error, and any value of a property the journal does not read leaves the items as they were.
        var candidates = wrongTypes.Concat(strings.Select(s => (Func<JsonNode?>)(() => s))).ToArray();
        if (property == "error")
        {
            candidates = wrongTypes.Where(f => f() is not null).ToArray();
        }

        // An empty object is an answer the SDK reads (every field of the vendor's answer is optional to it).
        if (property == "result")
        {
            candidates = candidates.Where(f => f() is not JsonObject).ToArray();
        }

        return Gen.Elements(candidates).Select(f => f());
    }

    private static string Set(string line, string property, JsonNode? value)
    {
        var o = JsonNode.Parse(line)!.AsObject();
        o[property] = value;
        return o.ToJsonString();
    }

    // Only what a line needs: the header's marker, version, id and kind; an item's key, index, state, at, and the
    // result of a done line. Removing an optional property (an error, a hash) gives another valid line.
    private static string Remove(string line, string property, bool header)
    {
        var o = JsonNode.Parse(line)!.AsObject();
        string[] needed = header ? ["journal", "version", "id", "kind", "target", "input"] : ["key", "index", "state", "at", "result"];
        o.Remove(needed.Contains(property) ? property : needed[0]);
        return o.ToJsonString();
    }

    private static List<FixlessAuditCreate> Audits(AuditFakes fakes, int count) =>
        Enumerable.Range(0, count).Select(i => new FixlessAuditCreate
        {
            TaskId = fakes.Scale.AddTask(new JsonObject()),
            Result = FixlessAuditResult.Accepted,
            Comments = "audit " + i,
            TargetResponseUrl = "https://example.test/responses/" + i + ".json",
        }).ToList();

    private sealed record Mutation(int Line, string Text, string Description)
    {
        public override string ToString() => Description;
    }
}
