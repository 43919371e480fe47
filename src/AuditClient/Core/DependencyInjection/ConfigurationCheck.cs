using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using AuditClient.Core.Validation;
using Microsoft.Extensions.Configuration;

namespace AuditClient.Core.DependencyInjection;

/// <summary>
/// Reads a configuration section against the options before it is bound: a key that matches no setting (a typo such
/// as <c>ApiKy</c>) and a value the binder would misread or refuse are reported with the key as it is spelled in the
/// configuration, instead of being ignored or failing later without a name. A bare number for a time span is refused:
/// .NET reads <c>"30"</c> as 30 days.
/// </summary>
internal static class ConfigurationCheck
{
    /// <summary>How a time span is written, for messages.</summary>
    public const string TimeSpanFormat = "[d.]hh:mm:ss[.fffffff], such as 00:00:30 for 30 seconds";

    /// <summary>Adds a failure for each key of <paramref name="configuration"/> that is not a setting or whose value cannot be read.</summary>
    public static void Collect(IConfiguration configuration, AuditClientOptions options, List<string> failures) =>
        Walk(configuration, Settings(typeof(AuditClientOptions)), options, failures);

    private static void Walk(IConfiguration section, IReadOnlyList<PropertyInfo> settings, object target, List<string> failures)
    {
        foreach (var child in section.GetChildren())
        {
            var setting = settings.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (setting is null)
            {
                var suggestion = Nearest(child.Key, settings.Select(p => p.Name));
                failures.Add(suggestion is null
                    ? $"{child.Path} is not a setting; the settings here are {string.Join(", ", settings.Select(p => p.Name).Order(StringComparer.Ordinal))}."
                    : $"{child.Path} is not a setting; did you mean {suggestion}?");
                continue;
            }

            switch (setting.GetValue(target))
            {
                case VendorOptions vendor:
                    Walk(child, Settings(vendor.SettingsType), vendor, failures);
                    break;
                case VendorResilienceOptions resilience:
                    Walk(child, Settings(typeof(VendorResilienceOptions)), resilience, failures);
                    break;
                default:
                    CheckValue(child, setting.PropertyType, failures);
                    break;
            }
        }
    }

    private static void CheckValue(IConfigurationSection key, Type type, List<string> failures)
    {
        if (key.Value is not { } text)
        {
            if (key.GetChildren().Any())
            {
                failures.Add($"{key.Path} is a single value, not a section.");
            }

            return;
        }

        // Empty text leaves the default, as the binder does.
        if (text.Length == 0)
        {
            return;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(TimeSpan))
        {
            if (text.Trim().All(char.IsAsciiDigit))
            {
                failures.Add($"{key.Path} is \"{text}\", which .NET reads as {text.Trim()} days: write a time span as {TimeSpanFormat}.");
            }
            else if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out _))
            {
                failures.Add($"{key.Path} is \"{text}\", which is not a time span: write it as {TimeSpanFormat}.");
            }
        }
        else if (type == typeof(int) && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            failures.Add($"{key.Path} is \"{text}\", which is not a whole number.");
        }
        else if (type == typeof(bool) && !bool.TryParse(text, out _))
        {
            failures.Add($"{key.Path} is \"{text}\", which is neither true nor false.");
        }
        else if (type == typeof(Uri) && !Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out _))
        {
            failures.Add($"{key.Path} is \"{text}\", which is not a URI.");
        }
        else if (type.IsEnum && type.IsDefined(typeof(FlagsAttribute), inherit: false))
        {
            // A set of flags is written as names separated by commas ("A, B"), which the binder reads as their union.
            foreach (var name in text.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!IsName(type, name))
                {
                    failures.Add($"{key.Path} is \"{text}\": \"{name}\" is not one of {string.Join(", ", EnumNames(type))} "
                        + $"(write one or more, separated by commas){(Nearest(name, EnumNames(type)) is { } nearest ? $"; did you mean {nearest}?" : ".")}");
                }
            }
        }
        else if (type.IsEnum && !IsName(type, text.Trim()))
        {
            failures.Add($"{key.Path} is \"{text}\"; it must be one of {string.Join(", ", EnumNames(type))}.");
        }
    }

    // The settings a section can hold: public properties with a public setter, except delegates (set in code only).
    private static IReadOnlyList<PropertyInfo> Settings([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && !typeof(Delegate).IsAssignableFrom(p.PropertyType))];

    private static string[] EnumNames(Type type) => Enum.GetNames(type);

    private static bool IsName(Type type, string text) => EnumNames(type).Any(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));

    /// <summary>The setting the key was probably meant to be: at most two edits away, or a third of its length.</summary>
    internal static string? Nearest(string key, IEnumerable<string> names) => ValueSet.Nearest(key, names, minimumReach: 2);
}
