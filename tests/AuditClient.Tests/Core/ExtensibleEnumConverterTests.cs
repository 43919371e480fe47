using System.Text;
using System.Text.Json;
using AuditClient.Core.Serialization;
using AuditClient.Scale;

namespace AuditClient.Tests.Core;

/// <summary>
/// The converter remembers the values it has read so that a repeated value costs no allocation; what a caller gets
/// must not change because of it.
/// </summary>
public sealed class ExtensibleEnumConverterTests
{
    [Test]
    public void A_value_read_again_is_the_same_value_without_a_new_string()
    {
        var first = Read<FeedbackItemSeverity>("\"severe\"");
        var second = Read<FeedbackItemSeverity>("\"severe\"");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second, Is.EqualTo(FeedbackItemSeverity.Severe));
            Assert.That(second.ToString(), Is.SameAs(first.ToString()));
        }
    }

    [Test]
    public void An_escaped_spelling_reads_as_the_value_it_spells()
    {
        _ = Read<FeedbackItemState>("\"disputed\"");

        Assert.That(Read<FeedbackItemState>("\"disp\\u0075ted\"").ToString(), Is.EqualTo("disputed"));
    }

    [Test]
    public void More_distinct_values_than_are_remembered_all_read_exactly()
    {
        var values = Enumerable.Range(0, 100).Select(i => $"grade_{i}").ToList();

        var firstPass = values.Select(v => Read<AnnotationErrorType>($"\"{v}\"").ToString()).ToList();
        var secondPass = values.Select(v => Read<AnnotationErrorType>($"\"{v}\"").ToString()).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(firstPass, Is.EqualTo(values));
            Assert.That(secondPass, Is.EqualTo(values));
        }
    }

    private static T Read<T>(string json)
        where T : struct, IExtensibleEnum<T>
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return ExtensibleEnumConverter<T>.ReadValue(ref reader);
    }
}
