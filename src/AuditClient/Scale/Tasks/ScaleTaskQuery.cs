namespace AuditClient.Scale;

/// <summary>
/// The filters of a task listing (<c>GET /v1/tasks</c>). Every filter is optional; an absent one is not sent.
/// Times are sent as ISO-8601 UTC with milliseconds (<c>2024-01-03T03:08:58.200Z</c>), whatever the machine's
/// culture and time zone.
/// </summary>
/// <remarks>
/// Unlike the models, a record: an immutable set of filters that a pager varies with <c>with { NextToken = ... }</c>.
/// Two queries are equal when they send the same filters: the lists compare by their items, in order.
/// </remarks>
public sealed record ScaleTaskQuery
{
    /// <summary>The project name to filter tasks by (<c>project</c>).</summary>
    public string? Project { get; init; }

    /// <summary>The batch name to filter tasks by (<c>batch</c>).</summary>
    public string? Batch { get; init; }

    /// <summary>The task status to filter by (<c>status</c>): completed, pending or canceled.</summary>
    public ScaleTaskStatus? Status { get; init; }

    /// <summary>The task type to filter by (<c>type</c>), such as <c>imageannotation</c>.</summary>
    public string? Type { get; init; }

    /// <summary>The minimum value of <c>created_at</c> (<c>start_time</c>).</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>The maximum value of <c>created_at</c> (<c>end_time</c>).</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>The minimum value of <c>completed_at</c> (<c>completed_after</c>).</summary>
    public DateTimeOffset? CompletedAfter { get; init; }

    /// <summary>The maximum value of <c>completed_at</c> (<c>completed_before</c>).</summary>
    public DateTimeOffset? CompletedBefore { get; init; }

    /// <summary>The minimum value of <c>updated_at</c> (<c>updated_after</c>).</summary>
    public DateTimeOffset? UpdatedAfter { get; init; }

    /// <summary>The maximum value of <c>updated_at</c> (<c>updated_before</c>).</summary>
    public DateTimeOffset? UpdatedBefore { get; init; }

    /// <summary>
    /// The audit statuses to filter by (<c>customer_review_status</c>, sent comma-joined): a task matches when its
    /// status is any of them.
    /// </summary>
    public IReadOnlyList<CustomerReviewStatus>? CustomerReviewStatuses { get; init; }

    /// <summary>The unique ids of the tasks to find (<c>unique_id</c>, repeated once per id).</summary>
    public IReadOnlyList<string>? UniqueIds { get; init; }

    /// <summary>The tags to filter by (<c>tags</c>, repeated once per tag).</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>The page size (<c>limit</c>), from 1 to 100; Scale's default when absent.</summary>
    public int? Limit { get; init; }

    /// <summary>The token of the page to fetch (<c>next_token</c>), from <see cref="ScaleTaskPage.NextToken"/>.</summary>
    public string? NextToken { get; init; }

    /// <summary>Whether Scale should include attachment URLs in the tasks (<c>include_attachment_url</c>).</summary>
    public bool? IncludeAttachmentUrl { get; init; }

    /// <summary>Whether <paramref name="other"/> sends the same filters: every value equal, the lists item by item.</summary>
    /// <param name="other">The other query.</param>
    /// <returns><see langword="true"/> when both send the same listing request.</returns>
    public bool Equals(ScaleTaskQuery? other) =>
        other is not null
        && Project == other.Project
        && Batch == other.Batch
        && Status == other.Status
        && Type == other.Type
        && StartTime == other.StartTime
        && EndTime == other.EndTime
        && CompletedAfter == other.CompletedAfter
        && CompletedBefore == other.CompletedBefore
        && UpdatedAfter == other.UpdatedAfter
        && UpdatedBefore == other.UpdatedBefore
        && SameItems(CustomerReviewStatuses, other.CustomerReviewStatuses)
        && SameItems(UniqueIds, other.UniqueIds)
        && SameItems(Tags, other.Tags)
        && Limit == other.Limit
        && NextToken == other.NextToken
        && IncludeAttachmentUrl == other.IncludeAttachmentUrl;

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        // The lists count by their length only: cheap, and consistent with Equals.
        var hash = new HashCode();
        hash.Add(Project);
        hash.Add(Batch);
        hash.Add(Status);
        hash.Add(Type);
        hash.Add(StartTime);
        hash.Add(EndTime);
        hash.Add(CompletedAfter);
        hash.Add(CompletedBefore);
        hash.Add(UpdatedAfter);
        hash.Add(UpdatedBefore);
        hash.Add(CustomerReviewStatuses?.Count);
        hash.Add(UniqueIds?.Count);
        hash.Add(Tags?.Count);
        hash.Add(Limit);
        hash.Add(NextToken);
        hash.Add(IncludeAttachmentUrl);
        return hash.ToHashCode();
    }

    private static bool SameItems<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) =>
        a is null || b is null ? a is null && b is null : a.SequenceEqual(b);
}
