namespace AuditClient.Core.Http;

/// <summary>
/// The total timeout of a call made of several HTTP calls (a reconciled write: its sends, its look-ups and the waits
/// between them), so that <c>TotalTimeout</c> bounds the call the caller made and not each HTTP call in it. Begun by
/// <see cref="Reconciliation"/> in the flow of that call and picked up by each <see cref="CallRecord"/> begun in it;
/// its clock starts when the first request reaches <see cref="VendorPipelineHandler"/>, which knows the vendor's
/// <c>TotalTimeout</c> and clock, and arms every later HTTP call's total deadline with what is left.
/// </summary>
/// <remarks>The steps of one call run one after another, never at once: plain fields suffice.</remarks>
internal sealed class CallBudget
{
    private static readonly AsyncLocal<CallBudget?> InFlight = new();

    private TimeProvider? _time;
    private long _started;
    private bool _spent;

    /// <summary>The budget of the call in flight in this flow, if it is one made of several HTTP calls.</summary>
    public static CallBudget? Current => InFlight.Value;

    /// <summary>The whole budget; <see langword="null"/> until the first request reached the handler.</summary>
    public TimeSpan? Total { get; private set; }

    /// <summary>Whether no time is left for another HTTP call or wait.</summary>
    public bool Spent => _spent || Left <= TimeSpan.Zero;

    private TimeSpan? Left => _time is null ? null : Total - _time.GetElapsedTime(_started);

    /// <summary>
    /// Begins the budget of a call in this flow. Called inside an async method (<see cref="Reconciliation"/>'s): the
    /// budget stays in that method's flow, and is gone for its caller when it returns.
    /// </summary>
    public static CallBudget Begin()
    {
        var budget = new CallBudget();
        InFlight.Value = budget;
        return budget;
    }

    /// <summary>
    /// The total timeout of the HTTP call starting now: <paramref name="total"/> for the first, which starts the
    /// budget's clock; what is left of it (zero at least) for each later one.
    /// </summary>
    public TimeSpan Next(TimeSpan total, TimeProvider time)
    {
        if (_time is null)
        {
            (_time, _started, Total) = (time, time.GetTimestamp(), total);
            return total;
        }

        return Left is { } left && left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Whether <paramref name="wait"/> ends before the budget does.</summary>
    public bool Allows(TimeSpan wait) => !Spent && (Left is not { } left || wait < left);

    /// <summary>Told when an HTTP call of this budget ended by its total deadline: nothing is left, whatever the clocks say.</summary>
    public void Spend() => _spent = true;
}
