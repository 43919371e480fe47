namespace AuditClient.Core.Validation;

/// <summary>
/// Collects the violations of one input so that all of them are reported together. Each vendor writes its rules once,
/// as a method that fills a collector; the SDK runs it before sending and exposes it for validating without sending.
/// </summary>
internal sealed class Violations
{
    private List<ValidationViolation>? _items;

    public bool Any => _items is { Count: > 0 };

    public IReadOnlyList<ValidationViolation> Items => (IReadOnlyList<ValidationViolation>?)_items ?? [];

    public void Add(string path, string rule) => (_items ??= []).Add(new ValidationViolation(path, rule));

    public void Required(string? value, string path)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(path, "is required");
        }
    }

    public void AbsoluteUrl(string? value, string path)
    {
        // On Unix, Uri also takes a rooted path such as "/annotate/1" for an absolute file URI: only a scheme written
        // out makes a URL absolute.
        if (value is not null && !(Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (!uri.IsFile || value.StartsWith("file:", StringComparison.OrdinalIgnoreCase))))
        {
            Add(path, "must be an absolute URL");
        }
    }

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

    /// <summary>Throws <see cref="AuditValidationException"/> when anything was collected.</summary>
    public void ThrowIfAny()
    {
        if (_items is { Count: > 0 })
        {
            throw new AuditValidationException(_items);
        }
    }
}
