using System.Text;
using System.Text.Json.Nodes;
using AuditClient.CloudFactory;
using AuditClient.Scale;
using AuditClient.Testing;
using AuditClient.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AuditClient.Tests.Core.Bulk;

/// <summary>
/// What the journal writes to and reads from: only a journal (or an empty file) is written, a journal is tied to the
/// target it was made for, and every malformed line is refused naming it.
/// </summary>
public sealed class JournalFileTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("auditclient-journal-file-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string JournalPath => Path.Combine(_directory, "run.jsonl");

    public static IEnumerable<TestCaseData> NotJournals()
    {
        yield return new TestCaseData(Encoding.UTF8.GetBytes("{\"Logging\":{\"LogLevel\":{\"Default\":\"Information\"}},\"AuditClients\":{\"Scale\":{\"RequestsPerSecond\":10}}}"))
            .SetArgDisplayNames("appsettings.json on one line, no trailing newline");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("{\n  \"Logging\": { \"LogLevel\": { \"Default\": \"Information\" } }\n}\n"))
            .SetArgDisplayNames("appsettings.json on several lines");
        yield return new TestCaseData(new byte[] { 0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0xFF, 0xFE, 0x00, 0x10 })
            .SetArgDisplayNames("binary, no newline");
        yield return new TestCaseData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D })
            .SetArgDisplayNames("binary with a newline");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("{\"journal\":\"another-tool\",\"version\":1}\n{\"key\":\"a\"}\n"))
            .SetArgDisplayNames("a first line of other JSON");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("[1,2,3]\n")).SetArgDisplayNames("a JSON array");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("{\"jour")).SetArgDisplayNames("too short to be a torn header");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("\n")).SetArgDisplayNames("one empty line");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("\n{\"journal\":\"auditclient.bulk-journal\",\"version\":1,\"kind\":\"scale.fixless_audit\",\"id\":\"0123456789ab\"}\n"))
            .SetArgDisplayNames("a header on the second line");
        yield return new TestCaseData(Encoding.UTF8.GetBytes("id,name\n1,one\n2,two")).SetArgDisplayNames("CSV");

        // A header is far shorter: 64 KiB without a newline is not one torn at creation, however it begins.
        var header = "{\"journal\":\"auditclient.bulk-journal\",\"version\":1,\"kind\":\"scale.fixless_audit\",\"comment\":\"";
        yield return new TestCaseData(Encoding.UTF8.GetBytes(header.PadRight(64 * 1024, 'x'))).SetArgDisplayNames("64 KiB beginning as a header, no newline");
    }

    [TestCaseSource(nameof(NotJournals))]
    public async Task A_file_that_is_not_a_journal_is_refused_before_sending_and_left_byte_for_byte(byte[] content)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        await File.WriteAllBytesAsync(JournalPath, content);

        var refused = await Assert.ThrowsAsync<BulkJournalException>(() =>
            clients.ScaleAudits.CreateAuditManyAsync(Audits(fakes, 3), new BulkOptions { JournalPath = JournalPath }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused!.Message, Does.Contain(JournalPath + ": is not a bulk journal of AuditClient").And.Contain("It was not changed, and nothing was sent"));
            Assert.That(await File.ReadAllBytesAsync(JournalPath), Is.EqualTo(content));
            Assert.That(fakes.Requests, Is.Empty);
        }
    }

    public static IEnumerable<TestCaseData> MalformedHeaders()
    {
        static TestCaseData Case(string name, Action<JsonObject> edit, string problem) => new TestCaseData(edit, problem).SetArgDisplayNames(name);

        yield return Case("version a string", h => h["version"] = "1", "\"version\" is not a whole number");
        yield return Case("version missing", h => h.Remove("version"), "\"version\" is not a whole number");
        yield return Case("id upper case", h => h["id"] = "ABCDEF012345", "\"id\" is not 12 hexadecimal digits");
        yield return Case("id too long", h => h["id"] = (string)h["id"]! + "0", "\"id\" is not 12 hexadecimal digits");
        yield return Case("id missing", h => h.Remove("id"), "\"id\" is not 12 hexadecimal digits");
        yield return Case("id a number", h => h["id"] = 5, "\"id\" is not a string");
        yield return Case("kind missing", h => h.Remove("kind"), "\"kind\" is missing");
        yield return Case("keys not caller", h => h["keys"] = "derived", "\"keys\" is not \"caller\"");
        yield return Case("target a string", h => h["target"] = "Scale", "\"target\" is not an object");
        yield return Case("target without its key", h => h["target"]!.AsObject().Remove("key"), "\"target\" lacks its vendor, base address or key fingerprint");
        yield return Case("target without its vendor", h => h["target"]!.AsObject().Remove("vendor"), "\"target\" lacks its vendor, base address or key fingerprint");
        yield return Case("target without its address", h => h["target"]!.AsObject().Remove("base_address"), "\"target\" lacks its vendor, base address or key fingerprint");
        yield return Case("target account a number", h => h["target"]!["account"] = 5, "\"target.account\" is not a string");
    }

    [TestCaseSource(nameof(MalformedHeaders))]
    public async Task A_journal_with_a_malformed_header_is_refused_naming_what_is_wrong_and_left_as_it_was(Action<JsonObject> edit, string problem)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Audits(fakes, 2);
        await clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath });
        Rewrite(edit);
        var before = await File.ReadAllBytesAsync(JournalPath);
        fakes.ClearRequests();

        var refused = await Assert.ThrowsAsync<BulkJournalException>(() =>
            clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused!.Message, Is.EqualTo($"Journal {JournalPath}: line 1 cannot be read (the header's {problem}). Only a torn last line is ignored; nothing was sent and the file was not changed."));
            Assert.That(await File.ReadAllBytesAsync(JournalPath), Is.EqualTo(before));
            Assert.That(fakes.Requests, Is.Empty);
        }
    }

    [TestCase("auditclient.bulk-journal-2")]
    [TestCase("another-tool")]
    public async Task A_journal_of_another_marker_is_not_a_journal_even_when_the_rest_of_its_header_is_one(string marker)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Audits(fakes, 2);
        await clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath });
        Rewrite(header => header["journal"] = marker);
        var before = await File.ReadAllBytesAsync(JournalPath);
        fakes.ClearRequests();

        var refused = await Assert.ThrowsAsync<BulkJournalException>(() =>
            clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused!.Message, Does.StartWith("Journal " + JournalPath + ": is not a bulk journal of AuditClient"));
            Assert.That(await File.ReadAllBytesAsync(JournalPath), Is.EqualTo(before));
            Assert.That(fakes.Requests, Is.Empty);
        }
    }

    [TestCase(2)]
    [TestCase(0)]
    public async Task A_journal_of_another_version_is_refused_naming_both_versions_and_left_as_it_was(int version)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Audits(fakes, 2);
        await clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath });
        Rewrite(header => header["version"] = version);
        var before = await File.ReadAllBytesAsync(JournalPath);
        fakes.ClearRequests();

        var refused = await Assert.ThrowsAsync<BulkJournalException>(() =>
            clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused!.Message, Is.EqualTo($"Journal {JournalPath}: has version {version}; this SDK reads version 1. Nothing was sent and the file was not changed."));
            Assert.That(await File.ReadAllBytesAsync(JournalPath), Is.EqualTo(before));
            Assert.That(fakes.Requests, Is.Empty);
        }
    }

    [TestCase("a directory")]
    [TestCase("in a directory that does not exist")]
    public async Task A_journal_path_that_cannot_be_opened_is_refused_with_the_reason_before_sending(string what)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var path = what == "a directory" ? Directory.CreateDirectory(Path.Combine(_directory, "journal.jsonl")).FullName : Path.Combine(_directory, "missing", "run.jsonl");

        var refused = await Assert.ThrowsAsync<BulkJournalException>(() =>
            clients.ScaleAudits.CreateAuditManyAsync(Audits(fakes, 2), new BulkOptions { JournalPath = path }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused!.Message, Does.StartWith($"Journal {path}: cannot be opened for writing (").And.EndWith("). Nothing was sent."));
            Assert.That(refused.Path, Is.EqualTo(path));
            Assert.That(refused.InnerException, Is.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>());
            Assert.That(refused.Message, Does.Contain(refused.InnerException!.Message), "the reason the system gave");
            Assert.That(fakes.Requests, Is.Empty);
            Assert.That(File.Exists(Path.Combine(_directory, "missing", "run.jsonl")), Is.False);
        }
    }

    [Test]
    public async Task A_header_torn_at_creation_is_written_over_and_the_run_goes_on()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        await File.WriteAllTextAsync(JournalPath, "{\"journal\":\"auditclient.bulk-journal\",\"version\":1,\"kind\":\"scale.fix");

        var results = await clients.ScaleAudits.CreateAuditManyAsync(Audits(fakes, 3), new BulkOptions { JournalPath = JournalPath });

        Assert.That(results.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Succeeded));
        Assert.That(JsonNode.Parse(File.ReadLines(JournalPath).First())!["kind"]!.ToString(), Is.EqualTo("scale.fixless_audit"));
    }

    [Test]
    public async Task A_journal_records_its_target_and_is_refused_for_another_base_address_key_or_account_before_sending()
    {
        await using var fakes = await AuditFakes.StartAsync();
        await using var elsewhere = await AuditFakes.StartAsync(o => o.ScaleApiKey = fakes.ScaleApiKey);
        var audits = Audits(fakes, 4);
        using (var clients = fakes.CreateClients(FastRetries.Apply))
        {
            await clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath });
        }

        var before = await File.ReadAllBytesAsync(JournalPath);
        var header = JsonNode.Parse(File.ReadLines(JournalPath).First())!["target"]!;
        fakes.ClearRequests();
        const string OtherKey = "scale_other_key_7f3a";

        using var otherAddress = elsewhere.CreateClients(FastRetries.Apply);
        var address = await Assert.ThrowsAsync<BulkJournalException>(() =>
            otherAddress.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath }));
        using var otherKey = fakes.CreateClients(o =>
        {
            FastRetries.Apply(o);
            o.Scale.ApiKey = OtherKey;
        });
        var key = await Assert.ThrowsAsync<BulkJournalException>(() =>
            otherKey.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath }));
        await using var services = new ServiceCollection().AddAuditClients("team-a", o =>
        {
            o.Scale.ApiKey = fakes.ScaleApiKey;
            o.Scale.BaseAddress = fakes.BaseAddress;
            FastRetries.Apply(o.Scale.Resilience);
        }).BuildServiceProvider();
        var account = await Assert.ThrowsAsync<BulkJournalException>(() =>
            services.GetRequiredKeyedService<IScaleAuditsApi>("team-a").CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)header["vendor"], Is.EqualTo("Scale"));
            Assert.That((string?)header["base_address"], Is.EqualTo(fakes.BaseAddress.AbsoluteUri));
            Assert.That(header["account"], Is.Null, "the unnamed account");
            Assert.That((string?)header["key"], Does.Match("^pbkdf2-sha256:100000:[0-9a-f]{32}$"));
            Assert.That(Encoding.UTF8.GetString(before), Does.Not.Contain(fakes.ScaleApiKey).And.Not.Contain(Convert.ToBase64String(Encoding.UTF8.GetBytes(fakes.ScaleApiKey + ":"))));

            Assert.That(address!.Message, Does.Contain("another base address").And.Contain(fakes.BaseAddress.AbsoluteUri).And.Contain(elsewhere.BaseAddress.AbsoluteUri));
            Assert.That(address.Message, Does.Not.Contain("another account").And.Not.Contain("API key"));
            Assert.That(key!.Message, Does.Contain("with a different API key"));
            Assert.That(account!.Message, Does.Contain("another account").And.Contain("account team-a").And.Contain("the unnamed account"));
            foreach (var refused in new[] { address, key, account })
            {
                Assert.That(refused.Message, Does.Contain("Nothing was sent and the file was not changed"));
                Assert.That(refused.Message, Does.Not.Contain(fakes.ScaleApiKey).And.Not.Contain(OtherKey));
            }

            Assert.That(fakes.Requests, Is.Empty);
            Assert.That(elsewhere.Requests, Is.Empty);
            Assert.That(await File.ReadAllBytesAsync(JournalPath), Is.EqualTo(before));
        }
    }

    [Test]
    public async Task The_key_fingerprint_is_pbkdf2_of_the_credential_sent_salted_with_the_journal_id_so_that_journals_of_other_releases_resume()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        await clients.ScaleAudits.CreateAuditManyAsync(Audits(fakes, 1), new BulkOptions { JournalPath = JournalPath });

        var header = JsonNode.Parse(File.ReadLines(JournalPath).First())!;
        var id = (string)header["id"]!;
        var credential = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(fakes.ScaleApiKey + ":"));
        var hash = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(
            Encoding.UTF8.GetBytes(credential), Encoding.UTF8.GetBytes("auditclient.bulk-journal:" + id), 100_000, System.Security.Cryptography.HashAlgorithmName.SHA256, 16);

        Assert.That(id, Does.Match("^[0-9a-f]{12}$"));
        Assert.That((string?)header["target"]!["key"], Is.EqualTo("pbkdf2-sha256:100000:" + Convert.ToHexString(hash).ToLowerInvariant()));
    }

    [Test]
    public async Task A_journal_made_with_a_test_double_is_refused_for_the_sdk_client_and_the_other_way_round()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Audits(fakes, 2);
        var unknown = new PassThrough(clients.ScaleAudits);
        await unknown.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath });
        fakes.ClearRequests();

        var refused = await Assert.ThrowsAsync<BulkJournalException>(() =>
            clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath }));

        Assert.That(refused!.Message, Does.Contain("was made with a client that is not one of the SDK's"));
        Assert.That(fakes.Requests, Is.Empty);
    }

    [Test]
    public async Task A_journal_made_with_the_sdk_client_is_refused_for_a_client_that_is_not_naming_where_it_was_made_for()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Audits(fakes, 2);
        await clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath });
        var before = await File.ReadAllBytesAsync(JournalPath);
        fakes.ClearRequests();

        var refused = await Assert.ThrowsAsync<BulkJournalException>(() =>
            new PassThrough(clients.ScaleAudits).CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused!.Message, Does.StartWith($"Journal {JournalPath}: was made for Scale at {fakes.BaseAddress.AbsoluteUri} (the unnamed account); this run's client is not one of the SDK's, so where it sends is unknown. A journal resumes only against the target it was made for"));
            Assert.That(fakes.Requests, Is.Empty);
            Assert.That(await File.ReadAllBytesAsync(JournalPath), Is.EqualTo(before));
        }
    }

    [Test]
    public async Task A_journal_whose_target_names_another_vendor_is_refused_naming_it()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Audits(fakes, 2);
        await clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath });
        Rewrite(header => header["target"]!["vendor"] = "CloudFactory");
        fakes.ClearRequests();

        var refused = await Assert.ThrowsAsync<BulkJournalException>(() =>
            clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath }));

        Assert.That(refused!.Message, Does.StartWith($"Journal {JournalPath}: was made for CloudFactory at {fakes.BaseAddress.AbsoluteUri} (the unnamed account); this run sends to Scale at {fakes.BaseAddress.AbsoluteUri} (the unnamed account): another vendor."));
        Assert.That(fakes.Requests, Is.Empty);
    }

    [Test]
    public async Task A_journal_made_with_the_callers_keys_is_refused_for_derived_keys_and_the_other_way_round()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Audits(fakes, 2);
        var keyed = Path.Combine(_directory, "keyed.jsonl");
        var derived = Path.Combine(_directory, "derived.jsonl");
        await clients.ScaleAudits.CreateAuditManyAsync(audits, a => a.TaskId!, new BulkOptions { JournalPath = keyed });
        await clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = derived });
        var (keyedHeader, derivedHeader) = (JsonNode.Parse(File.ReadLines(keyed).First())!, JsonNode.Parse(File.ReadLines(derived).First())!);
        fakes.ClearRequests();

        var withoutKeys = await Assert.ThrowsAsync<BulkJournalException>(() =>
            clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = keyed }));
        var withKeys = await Assert.ThrowsAsync<BulkJournalException>(() =>
            clients.ScaleAudits.CreateAuditManyAsync(audits, a => a.TaskId!, new BulkOptions { JournalPath = derived }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)keyedHeader["keys"], Is.EqualTo("caller"));
            Assert.That(keyedHeader["input"], Is.Null, "the caller's keys: no input fingerprint");
            Assert.That(derivedHeader["keys"], Is.Null);
            Assert.That((int?)derivedHeader["count"], Is.EqualTo(2));
            Assert.That(DateTimeOffset.TryParse((string?)derivedHeader["created_at"], System.Globalization.CultureInfo.InvariantCulture, out _), Is.True, "when the journal was made");
            Assert.That(withoutKeys!.Message, Is.EqualTo($"Journal {keyed}: was made with keys given by the caller (a keySelector); this run derives the keys from each item's position and content. Give the same keySelector, or a new journal file."));
            Assert.That(withKeys!.Message, Is.EqualTo($"Journal {derived}: was made with keys derived from each item's position and content; this run gives its own keys (a keySelector). Run it without the keySelector, or with a new journal file."));
            Assert.That(fakes.Requests, Is.Empty);
        }
    }

    [Test]
    public async Task A_pipe_given_as_journal_is_refused_with_a_journal_exception_before_sending()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("Named pipes in the file system (mkfifo) are Unix's.");
        }

        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var info = new System.Diagnostics.ProcessStartInfo("mkfifo") { UseShellExecute = false };
        info.ArgumentList.Add(JournalPath);
        using (var mkfifo = System.Diagnostics.Process.Start(info)!)
        {
            await mkfifo.WaitForExitAsync();
            Assert.That(mkfifo.ExitCode, Is.Zero, "mkfifo");
        }

        var refused = await Assert.ThrowsAsync<BulkJournalException>(() =>
            clients.ScaleAudits.CreateAuditManyAsync(Audits(fakes, 2), new BulkOptions { JournalPath = JournalPath }));

        Assert.That(refused!.Message, Does.Contain(JournalPath + ": is not a regular file").And.Contain("Nothing was sent"));
        Assert.That(fakes.Requests, Is.Empty);
    }

    [Test]
    public async Task A_key_the_vendor_echoes_in_its_answer_is_not_written_to_the_journal()
    {
        // Done lines hold the vendor's answer; the journal may be read by others, which is why it holds only a fingerprint of the key.
        var echoed = "{\"message\":\"accepted for " + Loopback.CloudFactoryKey + "\",\"note\":\"" + Loopback.CloudFactoryKey.Replace("_", "\\u005f", StringComparison.Ordinal) + "\"}";
        await using var server = RecordingServer.Start(echoed);
        using var clients = server.Clients();

        var results = await clients.CloudFactory.SubmitTaskReviewedManyAsync(
            [Resilience.Requests.ValidReview(repeatSafe: true)], new BulkOptions { JournalPath = JournalPath });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Single().Status, Is.EqualTo(BulkStatus.Succeeded), results.Single().Error?.Message);
            Assert.That(await File.ReadAllTextAsync(JournalPath), Does.Not.Contain(Loopback.CloudFactoryKey).And.Not.Contain("\\u005f").And.Contain("accepted for [redacted]"));
        }

        // The redacted answer is still the vendor's answer to the next run.
        var resumed = await clients.CloudFactory.SubmitTaskReviewedManyAsync(
            [Resilience.Requests.ValidReview(repeatSafe: true)], new BulkOptions { JournalPath = JournalPath });
        Assert.That(resumed.Single().Resumed, Is.True);
    }

    // The journal's first line changed by edit, the other lines kept.
    private void Rewrite(Action<JsonObject> edit)
    {
        var lines = File.ReadAllLines(JournalPath);
        var header = JsonNode.Parse(lines[0])!.AsObject();
        edit(header);
        lines[0] = header.ToJsonString();
        File.WriteAllText(JournalPath, string.Join('\n', lines) + "\n");
    }

    private static List<FixlessAuditCreate> Audits(AuditFakes fakes, int count) =>
        Enumerable.Range(0, count).Select(i => new FixlessAuditCreate
        {
            TaskId = fakes.Scale.AddTask(new JsonObject()),
            Result = FixlessAuditResult.Accepted,
            Comments = "audit " + i,
            TargetResponseUrl = "https://example.test/responses/" + i + ".json",
        }).ToList();

    /// <summary>An implementation of the interface that is not the SDK's (as a caller's decorator or test double is).</summary>
    private sealed class PassThrough(IScaleAuditsApi inner) : IScaleAuditsApi
    {
        public Task<FixlessAudit> CreateAuditAsync(FixlessAuditCreate audit, CancellationToken cancellationToken = default) => inner.CreateAuditAsync(audit, cancellationToken);

        public Task<IReadOnlyList<FixlessAudit>> ListAuditsAsync(string? taskId = null, string? auditId = null, CancellationToken cancellationToken = default) => inner.ListAuditsAsync(taskId, auditId, cancellationToken);
    }
}
