namespace AuditClient.Scale;

/// <summary>Paging over <see cref="IScaleTasksApi"/> listings.</summary>
public static class ScaleTasksApiExtensions
{
    /// <summary>
    /// Every task matching <paramref name="query"/>, in Scale's order, read on demand: enumerate the result for the
    /// tasks, or call <see cref="ScaleTaskPageable.AsPages"/> for the pages with their <c>next_token</c>. Follows
    /// <c>next_token</c> until Scale returns none; only one page is held in memory at a time, and the next page is
    /// requested only when the caller asks for the item after the current page. Works with any
    /// <see cref="IScaleTasksApi"/> implementation. Nothing is sent until the listing is enumerated.
    /// </summary>
    /// <param name="api">The tasks API.</param>
    /// <param name="query">
    /// The filters; <see cref="ScaleTaskQuery.Limit"/> is the page size, and a <see cref="ScaleTaskQuery.NextToken"/>
    /// starts from that page.
    /// </param>
    /// <param name="cancellationToken">Stops the paging; a token given through <c>WithCancellation</c> does too.</param>
    /// <returns>The listing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="api"/> or <paramref name="query"/> is null.</exception>
    /// <remarks>
    /// Enumerating throws <see cref="AuditValidationException"/> for an invalid filter (nothing was sent), and
    /// <see cref="AuditApiException"/> when a page could not be fetched or Scale returned a token it had already been
    /// given (which would never end); its <see cref="AuditApiException.ContinuationToken"/> resumes the listing at
    /// the failed page through <see cref="ScaleTaskPageable.AsPages"/>.
    /// </remarks>
    public static ScaleTaskPageable ListAllTasksAsync(
        this IScaleTasksApi api,
        ScaleTaskQuery query,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(query);
        return new ScaleTaskPageable(api, query, cancellationToken);
    }
}
