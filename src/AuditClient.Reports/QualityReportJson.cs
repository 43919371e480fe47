using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Reports;

/// <summary>
/// A <see cref="QualityReport"/> as JSON, the same figures as the page: snake_case names, shares with their
/// <c>count</c>, <c>total</c>, <c>rate</c> and interval (<c>low</c>, <c>high</c>), means with <c>count</c> and
/// <c>value</c>, times in ISO 8601.
/// </summary>
public static class QualityReportJson
{
    /// <summary>Writes the report as one JSON document.</summary>
    /// <param name="report">The figures.</param>
    /// <param name="utf8Json">Where the JSON goes.</param>
    /// <param name="indented">Whether to indent it for people.</param>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> or <paramref name="utf8Json"/> is <see langword="null"/>.</exception>
    public static void Write(QualityReport report, Stream utf8Json, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var writer = new Utf8JsonWriter(utf8Json, new JsonWriterOptions { Indented = indented });
        JsonSerializer.Serialize(writer, report, ReportJsonContext.Default.QualityReport);
    }

    /// <summary>The report as a JSON string.</summary>
    /// <param name="report">The figures.</param>
    /// <param name="indented">Whether to indent it for people.</param>
    /// <returns>The JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is <see langword="null"/>.</exception>
    public static string Serialize(QualityReport report, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        Write(report, buffer, indented);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(QualityReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
