using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AuditClient.Scale;

namespace AuditClient.Cli.Commands;

/// <summary>
/// The <c>--resume-token</c> of <c>tasks list</c>: Scale's <c>next_token</c> (opaque text, read by Scale alone), with a
/// fingerprint of the listing's filters and a check value, so that the tool itself can tell a token it printed from
/// a mistyped or cut one, and a token of another listing (other filters) from one of this listing. Scale, given a
/// token it cannot read, may answer an empty page: an export resumed from such a token would write nothing and end
/// as if done. Form: <c>TOKEN.LISTING.CHECK</c>, Scale's token in base64url, 8 hex digits of the filters' SHA-256 and
/// 8 of the rest's.
/// </summary>
internal static class ResumeToken
{
    public static string Encode(string next, ScaleTaskQuery query)
    {
        var token = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(next));
        var listing = Listing(query);
        return $"{token}.{listing}.{Check(token, listing)}";
    }

    /// <summary>Scale's <c>next_token</c> in <paramref name="text"/>; a token that cannot be decoded, or made for other filters, is a usage error.</summary>
    public static string Decode(string text, ScaleTaskQuery query)
    {
        var parts = text.Trim().Split('.');
        if (parts is not [{ Length: > 0 } token, { Length: 8 } listing, { Length: 8 } check]
            || !string.Equals(check, Check(token, listing), StringComparison.Ordinal)
            || !Base64Url.IsValid(token))
        {
            throw CliException.Usage("--resume-token: cannot be decoded: it is not a token printed by tasks list (copy the whole token from the last progress line of the export to go on with).");
        }

        if (!string.Equals(listing, Listing(query), StringComparison.Ordinal))
        {
            throw CliException.Usage("--resume-token: was printed by an export of another listing: give the same filters (--project, --batch, --status, --review-status, --tag, the times...) as the export it came from.");
        }

        return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
    }

    // The filters that choose the tasks, not the page size or the output: resuming with another --page-size is fine.
    private static string Listing(ScaleTaskQuery query)
    {
        var text = string.Join('\u001f', new[]
        {
            query.Project, query.Batch, query.Status?.ToString(), query.Type,
            Time(query.StartTime), Time(query.EndTime), Time(query.CompletedAfter), Time(query.CompletedBefore), Time(query.UpdatedAfter), Time(query.UpdatedBefore),
            Join(query.CustomerReviewStatuses?.Select(s => s.ToString())), Join(query.UniqueIds), Join(query.Tags),
        }.Select(v => v ?? string.Empty));
        return Hex(text);
    }

    private static string Check(string token, string listing) => Hex(token + "." + listing);

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];

    private static string? Time(DateTimeOffset? at) => at?.UtcTicks.ToString(CultureInfo.InvariantCulture);

    private static string? Join(IEnumerable<string>? values) => values is null ? null : string.Join('\u001e', values);
}
