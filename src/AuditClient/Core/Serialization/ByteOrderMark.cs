namespace AuditClient.Core.Serialization;

/// <summary>
/// The UTF-8 byte-order mark (<c>EF BB BF</c>), which a vendor may put before its JSON: RFC 8259 section 8.1 lets a
/// parser ignore it, and the serializer's stream readers do, but its readers of a span or a buffer refuse it
/// ("'0xEF' is an invalid start of a value"). Every read of JSON or text from bytes held in memory skips it here.
/// </summary>
internal static class ByteOrderMark
{
    private static ReadOnlySpan<byte> Mark => [0xEF, 0xBB, 0xBF];

    /// <summary><paramref name="utf8"/> without a leading byte-order mark.</summary>
    public static ReadOnlySpan<byte> Skip(ReadOnlySpan<byte> utf8) => utf8.StartsWith(Mark) ? utf8[3..] : utf8;

    /// <summary><paramref name="utf8"/> without a leading byte-order mark.</summary>
    public static ReadOnlyMemory<byte> Skip(ReadOnlyMemory<byte> utf8) => utf8.Span.StartsWith(Mark) ? utf8[3..] : utf8;
}
