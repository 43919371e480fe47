using System.Text.Json;
using System.Text.Json.Nodes;
using AuditClient.Testing.Http;

namespace AuditClient.Testing;

/// <summary>What the state file (<see cref="AuditFakesOptions.StatePath"/>) holds of Scale, and seeded audits.</summary>
public sealed partial class ScaleFake
{
    /// <summary>
    /// Writes the stored state as the state file holds it: <c>{"tasks": [...], "audits": [...], "pending": [{"id",
    /// "due"}]}</c>, tasks in the order added, audits oldest first, and the audits still waiting for the grader with
    /// when they are due (<c>null</c>: only at <see cref="GradePending"/>).
    /// </summary>
    internal void WriteState(Utf8JsonWriter writer)
    {
        lock (_gate)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("tasks");
            foreach (var id in _taskOrder)
            {
                _tasks[id].WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("audits");
            foreach (var audit in _audits)
            {
                audit.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("pending");
            foreach (var (audit, due) in _pending)
            {
                writer.WriteStartObject();
                writer.WriteString("id", FakeJson.String(audit, "id"));
                if (due == DateTimeOffset.MaxValue)
                {
                    writer.WriteNull("due");
                }
                else
                {
                    writer.WriteString("due", FakeJson.Timestamp(due));
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }
    }

    /// <summary>Replaces everything stored with a state file's content, already checked by <see cref="Http.FakeStateFile"/>.</summary>
    internal void Restore(IEnumerable<JsonObject> tasks, IEnumerable<JsonObject> audits, IReadOnlyDictionary<string, DateTimeOffset> pendingDue)
    {
        lock (_gate)
        {
            _tasks.Clear();
            _taskOrder.Clear();
            _audits.Clear();
            _auditsByTask.Clear();
            _pending.Clear();
            _processed.Clear();
            foreach (var task in tasks)
            {
                Upsert(task);
            }

            foreach (var audit in audits)
            {
                StoreAudit(audit);
                var id = FakeJson.String(audit, "id")!;
                if (pendingDue.TryGetValue(id, out var due))
                {
                    _pending.Add((audit, due));
                }
                else
                {
                    _processed.Add(id);
                }
            }
        }
    }

    /// <summary>Stores tasks that are complete as given (generated with every field), without <see cref="PrepareTask"/>'s copy.</summary>
    internal void SeedPrepared(IEnumerable<JsonObject> tasks)
    {
        lock (_gate)
        {
            foreach (var task in tasks)
            {
                Upsert(task);
            }
        }
    }

    /// <summary>Stores fixless audits that Scale has already processed (graded, <c>active</c> set), as given.</summary>
    internal void SeedAudits(IEnumerable<JsonObject> audits)
    {
        lock (_gate)
        {
            foreach (var audit in audits)
            {
                StoreAudit(audit);
                _processed.Add(FakeJson.String(audit, "id")!);
            }
        }
    }
}
