namespace AuditClient.Core.Validation;

/// <summary>
/// Collects the violations of one input so that all of them are reported together: errors (refused before sending)
/// and warnings (sent, and logged). Each vendor writes its rules once, as a method that fills a collector; the SDK runs
/// it before sending and exposes it for validating without sending.
/// </summary>
internal sealed class Violations
{
    private List<ValidationViolation>? _items;
    private int _errors;

    public IReadOnlyList<ValidationViolation> Items => (IReadOnlyList<ValidationViolation>?)_items ?? [];

    public bool AnyWarnings => _items is not null && _items.Count > _errors;

    /// <summary>A rule whose break the vendor would refuse.</summary>
    public void Add(string path, string rule)
    {
        (_items ??= []).Add(new ValidationViolation(path, rule));
        _errors++;
    }

    /// <summary>A rule the vendor accepts to see broken, but marks or ignores; refused when <paramref name="refuse"/>.</summary>
    public void Warn(string path, string rule, bool refuse = false)
    {
        if (refuse)
        {
            Add(path, rule);
            return;
        }

        (_items ??= []).Add(new ValidationViolation(path, rule) { Severity = ValidationSeverity.Warning });
    }

    /// <summary>
    /// The one rule of a call whose only input is an id: checked without a collector, which a valid call (nearly all
    /// of them) then never allocates.
    /// </summary>
    public static void ThrowIfMissing(string? value, string path)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            var violations = new Violations();
            violations.Required(value, path);
            violations.ThrowIfAny();
        }
    }

    public void Required(string? value, string path)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(path, "is required");
        }
    }

    public void AbsoluteUrl(string? value, string path)
    {
        if (value is not null && !IsAbsoluteUrl(value))
        {
            Add(path, "must be an absolute URL");
        }
    }

    // On Unix, Uri also takes a rooted path such as "/annotate/1" for an absolute file URI: only a scheme written out
    // makes a URL absolute.
    public static bool IsAbsoluteUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (!uri.IsFile || value.StartsWith("file:", StringComparison.OrdinalIgnoreCase));

    public void NotNegative(double? value, string path)
    {
        if (value is { } v && (double.IsNaN(v) || v < 0))
        {
            Add(path, "must not be negative");
        }
    }

    public void Finite(double value, string path)
    {
        if (!double.IsFinite(value))
        {
            Add(path, "must be a finite number");
        }
    }

    /// <summary>Throws <see cref="AuditValidationException"/>, listing the errors, when any was collected; warnings alone pass.</summary>
    public void ThrowIfAny()
    {
        if (_errors > 0)
        {
            throw new AuditValidationException(_errors == _items!.Count ? _items : [.. _items.Where(v => v.Severity == ValidationSeverity.Error)]);
        }
    }

    /// <summary>The warnings, for the log of a call that sends.</summary>
    public IEnumerable<ValidationViolation> Warnings => Items.Where(v => v.Severity == ValidationSeverity.Warning);
}
