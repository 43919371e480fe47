using System.Runtime.CompilerServices;

namespace AuditClient.Scale;

/// <summary>
/// A task listing (<c>GET /v1/tasks</c>) that is read on demand, after Azure.Core's <c>AsyncPageable&lt;T&gt;</c>:
/// enumerate it for every task, or call <see cref="AsPages"/> for one <see cref="ScaleTaskPage"/> at a time with the
/// token of the page after it. Only one page is held in memory at a time, and the next page is requested only when the
/// caller asks for the item after the current page, so leaving the loop stops the paging. Nothing is sent until the
/// listing is enumerated; each enumeration starts over.
/// </summary>
/// <remarks>
/// When a page cannot be fetched, the <see cref="AuditApiException"/> carries in
/// <see cref="AuditApiException.ContinuationToken"/> the token that fetches that page again: passed to
/// <see cref="AsPages"/>, the listing goes on from the failed page, and no task already yielded is yielded again.
/// </remarks>
public sealed class ScaleTaskPageable : IAsyncEnumerable<ScaleTask>
{
    private readonly IScaleTasksApi _api;
    private readonly ScaleTaskQuery _query;
    private readonly CancellationToken _cancellationToken;

    internal ScaleTaskPageable(IScaleTasksApi api, ScaleTaskQuery query, CancellationToken cancellationToken)
    {
        _api = api;
        _query = query;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// The listing page by page, in Scale's order. Each page is the one Scale sent (<see cref="ScaleTaskPage.Docs"/>,
    /// <see cref="ScaleTaskPage.Total"/>, unknown fields); its <see cref="ScaleTaskPage.NextToken"/> is the token to
    /// pass here to go on after it. Paging ends after a page without <c>next_token</c> or with <c>has_more: false</c>.
    /// </summary>
    /// <param name="continuationToken">
    /// The token of the page to start from: a <see cref="ScaleTaskPage.NextToken"/> or an
    /// <see cref="AuditApiException.ContinuationToken"/>; <see langword="null"/> starts where the query says
    /// (its <see cref="ScaleTaskQuery.NextToken"/>, usually none: the first page).
    /// </param>
    /// <param name="pageSizeHint">
    /// The page size (<c>limit</c>, 1 to 100) in place of the query's <see cref="ScaleTaskQuery.Limit"/>;
    /// <see langword="null"/> keeps the query's.
    /// </param>
    /// <returns>The pages; honours the listing's cancellation token and the one given through <c>WithCancellation</c>.</returns>
    /// <exception cref="AuditValidationException">A filter or the page size is invalid; nothing was sent.</exception>
    /// <exception cref="AuditApiException">
    /// A page could not be fetched, or Scale answered with a token already sent in this enumeration (which would never
    /// end); <see cref="AuditApiException.ContinuationToken"/> is the token that fetches the failed page again.
    /// </exception>
    public IAsyncEnumerable<ScaleTaskPage> AsPages(string? continuationToken = null, int? pageSizeHint = null) =>
        PagesAsync(continuationToken ?? _query.NextToken, pageSizeHint ?? _query.Limit, CancellationToken.None);

    /// <summary>Every task of the listing, in Scale's order, one page at a time.</summary>
    /// <param name="cancellationToken">Stops the paging, together with the listing's own token.</param>
    /// <returns>The enumerator.</returns>
    public async IAsyncEnumerator<ScaleTask> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in PagesAsync(_query.NextToken, _query.Limit, cancellationToken).ConfigureAwait(false))
        {
            foreach (var task in page.Docs ?? [])
            {
                // Checked per task, so that a caller who cancels mid-page is not handed the rest of it.
                ThrowIfCancellationRequested(cancellationToken);
                yield return task;
            }
        }
    }

    private async IAsyncEnumerable<ScaleTaskPage> PagesAsync(
        string? token,
        int? limit,
        [EnumeratorCancellation] CancellationToken enumeratorCancellation)
    {
        using var linked = _cancellationToken.CanBeCanceled && enumeratorCancellation.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, enumeratorCancellation)
            : null;
        var cancellationToken = linked?.Token ?? (enumeratorCancellation.CanBeCanceled ? enumeratorCancellation : _cancellationToken);

        // Every token sent, not only the last: a cycle (A, B, A...) would page forever as surely as a repeat.
        HashSet<string> sent = new(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(token))
        {
            sent.Add(token);
        }

        var query = _query with { NextToken = token, Limit = limit };
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await FetchAsync(query, cancellationToken).ConfigureAwait(false);
            var last = page.HasMore == false || string.IsNullOrEmpty(page.NextToken);

            // Refused before the page is yielded: its tasks come again with the page when the caller resumes from
            // the exception's token, so nothing is listed twice.
            if (!last && !sent.Add(page.NextToken!))
            {
                throw new AuditApiException(
                    $"Scale answered GET /v1/tasks with a next_token it had already been sent ({page.NextToken}): paging would never end.")
                {
                    Vendor = AuditVendor.Scale,
                    RequestMethod = "GET",
                    RequestPath = "/v1/tasks",
                    ContinuationToken = query.NextToken,
                };
            }

            yield return page;
            if (last)
            {
                yield break;
            }

            query = query with { NextToken = page.NextToken };
        }
    }

    private async Task<ScaleTaskPage> FetchAsync(ScaleTaskQuery query, CancellationToken cancellationToken)
    {
        try
        {
            return await _api.ListTasksAsync(query, cancellationToken).ConfigureAwait(false);
        }
        catch (AuditApiException e)
        {
            // The token this page was asked with: passed to AsPages, it fetches this page again.
            e.ContinuationToken = query.NextToken;
            throw;
        }
    }

    private void ThrowIfCancellationRequested(CancellationToken enumeratorCancellation)
    {
        enumeratorCancellation.ThrowIfCancellationRequested();
        _cancellationToken.ThrowIfCancellationRequested();
    }
}
