using System.Runtime.CompilerServices;

namespace AuditClient.Scale;

/// <summary>Paging over <see cref="IScaleTasksApi"/> listings.</summary>
public static class ScaleTasksApiExtensions
{
    /// <summary>
    /// Every task matching <paramref name="query"/>, in Scale's order: fetches a page, yields its tasks, then follows
    /// <c>next_token</c> until Scale returns none. Only one page is held in memory at a time, and the next page is
    /// requested only when the caller asks for the task after the current page. Works with any
    /// <see cref="IScaleTasksApi"/> implementation.
    /// </summary>
    /// <param name="api">The tasks API.</param>
    /// <param name="query">
    /// The filters; <see cref="ScaleTaskQuery.Limit"/> is the page size, and a <see cref="ScaleTaskQuery.NextToken"/>
    /// starts from that page.
    /// </param>
    /// <param name="cancellationToken">Stops the paging; also honoured through <c>WithCancellation</c>.</param>
    /// <returns>The tasks, one page at a time.</returns>
    /// <exception cref="AuditValidationException">A filter is invalid; nothing was sent.</exception>
    /// <exception cref="AuditApiException">
    /// A page could not be fetched, or Scale returned a token it had already been given (which would never end).
    /// </exception>
    public static async IAsyncEnumerable<ScaleTask> ListAllTasksAsync(
        this IScaleTasksApi api,
        ScaleTaskQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(query);

        var pageQuery = query;

        // Every token sent, not only the last: a cycle (A, B, A...) would page forever as surely as a repeat.
        HashSet<string> sent = new(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(query.NextToken))
        {
            sent.Add(query.NextToken);
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await api.ListTasksAsync(pageQuery, cancellationToken).ConfigureAwait(false);
            foreach (var task in page.Docs ?? [])
            {
                // Checked per task, so that a caller who cancels mid-page is not handed the rest of it.
                cancellationToken.ThrowIfCancellationRequested();
                yield return task;
            }

            if (page.HasMore == false || string.IsNullOrEmpty(page.NextToken))
            {
                yield break;
            }

            if (!sent.Add(page.NextToken))
            {
                throw new AuditApiException(
                    $"Scale answered GET /v1/tasks with a next_token it had already been sent ({page.NextToken}): paging would never end.")
                {
                    Vendor = AuditVendor.Scale,
                    RequestMethod = "GET",
                    RequestPath = "/v1/tasks",
                };
            }

            pageQuery = pageQuery with { NextToken = page.NextToken };
        }
    }
}
