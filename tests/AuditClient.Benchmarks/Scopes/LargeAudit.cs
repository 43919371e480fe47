using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace AuditClient.Benchmarks.Scopes;

/// <summary>
/// A fixless audit as Scale returns it (the shape of the spec's 201 example) with many feedback items of mixed scopes:
/// 40% annotation, 20% polygon (3 to 8 vertices), 20% point, 20% scene, in a seeded random order. In every scope
/// <c>type</c> comes last, so no reader can dispatch on the first property. Deterministic: same seed, same bytes.
/// </summary>
internal static class LargeAudit
{
    private static readonly string[] ItemTypes = ["error", "error", "error", "error", "error", "error", "error", "comment", "flag", "confirmation"];
    private static readonly string[] States = ["open", "open", "open", "resolved", "resolved", "disputed", "escalated", "rejected"];
    private static readonly string[] Severities = ["mild", "standard", "standard", "severe"];
    private static readonly string[] AnnotationCategories = ["extraneous", "geometry", "position", "attribute", "label"];
    private static readonly string[] Sensors = ["lidar_top", "camera_front", "camera_front_left", "camera_back"];
    private static readonly string[] MissingTypes = ["cuboid", "box_2d", "polygon_2d", "point_2d", "polygon_topdown"];
    private static readonly string[] Classes = ["pedestrian", "car", "cyclist", "traffic_cone", "truck"];
    private static readonly DateTime Updated = new(2024, 1, 3, 3, 8, 58, 200, DateTimeKind.Utc);

    public static byte[] Generate(int items, int seed = 20240103)
    {
        var random = new Random(seed);
        var buffer = new ArrayBufferWriter<byte>(items * 360);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", "6594cfca95644b72685e76e1");
            w.WriteString("srn", "srn:scale:avcv:audit:6594cfca95644b72685e76e1");
            w.WriteString("type", "fixless");
            w.WriteString("task_id", "6594cf6e95644b72685e6f10");
            w.WriteString("task_type", "sensorfusion");
            w.WriteString("result", "rejected");
            w.WriteStartObject("target_response");
            w.WriteString("url", "https://example.com/responses/6594cf6e95644b72685e6f10/annotations.json");
            w.WriteEndObject();
            w.WriteString("comments", "bulk audit of a long sequence");
            w.WriteStartArray("feedback_items");
            for (var i = 0; i < items; i++)
            {
                WriteItem(w, i, random);
            }

            w.WriteEndArray();
            w.WriteStartObject("metadata");
            w.WriteBoolean("test", true);
            w.WriteEndObject();
            w.WriteBoolean("active", true);
            w.WriteString("source", "api");
            w.WriteString("created_by", "user_id_123456");
            w.WriteString("created_at", "2024-01-03T03:08:58.162Z");
            w.WriteString("updated_at", "2024-01-03T03:09:42.943Z");
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteItem(Utf8JsonWriter w, int i, Random random)
    {
        var shape = random.Next(10) switch
        {
            < 4 => "annotation",
            < 6 => "polygon",
            < 8 => "point",
            _ => "scene",
        };
        var category = shape switch
        {
            "annotation" => Pick(random, AnnotationCategories),
            "scene" => "attribute",
            _ => "missing",
        };

        w.WriteStartObject();
        w.WriteString("id", (0x6594cfca95644b72UL + (ulong)i).ToString("x16", CultureInfo.InvariantCulture) + "685e76e5");
        w.WriteString("type", Pick(random, ItemTypes));
        w.WriteString("state", Pick(random, States));
        w.WriteStartObject("scope");
        switch (shape)
        {
            case "annotation":
                w.WriteString("annotation_id", HexId(random));
                if (random.Next(2) == 0)
                {
                    w.WriteString("sensor_id", Pick(random, Sensors));
                }
                else
                {
                    w.WriteNumber("sensor_id", random.Next(1, 12));
                }

                if (category == "attribute")
                {
                    w.WriteString("attribute", "occlusion");
                }

                break;
            case "polygon":
                w.WriteStartArray("vertices");
                for (int v = 0, count = random.Next(3, 9); v < count; v++)
                {
                    WritePoint(w, random);
                }

                w.WriteEndArray();
                WriteMissing(w, random);
                break;
            case "point":
                w.WritePropertyName("coordinates");
                WritePoint(w, random);
                WriteMissing(w, random);
                break;
            default:
                w.WriteString("attribute", "weather");
                break;
        }

        var start = random.Next(0, 150);
        w.WriteStartObject("interval");
        w.WriteString("type", "frame_range");
        w.WriteNumber("start", start);
        w.WriteNumber("end", start + random.Next(0, 50));
        w.WriteEndObject();
        w.WriteString("type", shape);
        w.WriteEndObject();
        w.WriteString("category", category);
        w.WriteString("severity", Pick(random, Severities));
        w.WriteString("description", $"feedback {i}");
        w.WriteString("updated_at", Updated.AddMilliseconds(i).ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'", CultureInfo.InvariantCulture));
        w.WriteString("updated_by", "user_id_123456");
        if (random.Next(10) == 0)
        {
            w.WriteStartObject("grader_output");
            w.WriteBoolean("conflict", true);
            w.WriteString("explanation", "no annotation with this id on the task");
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteMissing(Utf8JsonWriter w, Random random)
    {
        w.WriteString("missing_annotation_type", Pick(random, MissingTypes));
        w.WriteBoolean("stationary", random.Next(2) == 0);
        w.WriteString("missing_annotation_class", Pick(random, Classes));
        if (random.Next(2) == 0)
        {
            w.WriteString("sensor_id", Pick(random, Sensors));
        }
    }

    private static void WritePoint(Utf8JsonWriter w, Random random)
    {
        w.WriteStartArray();
        w.WriteNumberValue(Math.Round(random.NextDouble() * 1920, 2));
        w.WriteNumberValue(Math.Round(random.NextDouble() * 1080, 2));
        w.WriteEndArray();
    }

    private static string HexId(Random random)
    {
        Span<byte> bytes = stackalloc byte[12];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
