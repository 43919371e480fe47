using Microsoft.Extensions.Configuration;

namespace AuditClient.Core.DependencyInjection;

/// <summary>
/// Spells a setting the way the user set it, for messages: <c>AuditClients:Vendor:ApiKey</c> when the options were
/// bound from the section <c>AuditClients</c>, <c>MySection:Vendor:ApiKey</c> from another section, and
/// <c>Vendor.ApiKey</c> when they were set in code (followed by the account's name for a named account).
/// </summary>
internal sealed class SettingNames
{
    private readonly string _prefix;
    private readonly string _separator;
    private readonly string _suffix;

    private SettingNames(string prefix, string separator, string suffix)
    {
        _prefix = prefix;
        _separator = separator;
        _suffix = suffix;
    }

    /// <summary>Options set in code, for the unnamed account or a named one.</summary>
    public static SettingNames InCode(string? account) =>
        new(string.Empty, ".", account is null ? string.Empty : $" (account \"{account}\")");

    /// <summary>Options bound from a configuration section (or from the root of a configuration, whose path is empty).</summary>
    public static SettingNames InSection(IConfiguration configuration) =>
        new(configuration is IConfigurationSection { Path: { Length: > 0 } path } ? path + ":" : string.Empty, ":", string.Empty);

    /// <summary>Whether the options came from configuration, where a setting is a key and a value is text.</summary>
    public bool FromConfiguration => _separator == ":";

    /// <summary>The section the options were bound from, as a prefix of a key (<c>AuditClients:</c>), or empty.</summary>
    public string SectionPrefix => FromConfiguration ? _prefix : string.Empty;

    /// <summary>A setting by its property names from the root of the options: <c>Of("Vendor", "ApiKey")</c>.</summary>
    public string Of(params string[] names) => _prefix + string.Join(_separator, names) + _suffix;

    /// <summary>Where the options as a whole come from, for a failure that names no one setting.</summary>
    public string Whole => FromConfiguration
        ? (_prefix.Length > 0 ? $"the section {_prefix[..^1]}" : "the configuration")
        : "the options" + _suffix;
}
