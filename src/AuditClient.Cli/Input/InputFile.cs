using System.Text;

namespace AuditClient.Cli.Input;

/// <summary>Opens an input file for streaming, one record at a time: JSONL, or CSV for reviews.</summary>
internal static class InputFile
{
    public static FileStream Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw CliException.Usage($"{path}: is a directory, not a file.");
        }

        if (!File.Exists(path))
        {
            throw CliException.Usage($"{path}: no such file.");
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw CliException.Usage($"{path}: cannot be read ({e.Message}).");
        }
    }

    /// <summary>UTF-8 with or without a byte-order mark (UTF-16 with one); invalid bytes become U+FFFD and then a JSON error on their line.</summary>
    public static StreamReader Reader(Stream stream) => new(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024);

    public static bool IsCsv(string path, string? format) => format switch
    {
        "csv" => true,
        "jsonl" => false,
        _ => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase),
    };

    public static IEnumerable<InputRecord> Records(string path, bool csv) => csv ? ReviewCsv.Read(path) : Jsonl(path);

    /// <summary>One JSON object per line; blank lines are skipped (and still counted); CRLF and a BOM are fine.</summary>
    private static IEnumerable<InputRecord> Jsonl(string path)
    {
        using var stream = Open(path);
        using var reader = Reader(stream);
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (!string.IsNullOrWhiteSpace(text))
            {
                yield return new InputRecord(line, text, null);
            }
        }
    }
}
