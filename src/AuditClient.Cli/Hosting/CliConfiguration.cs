using System.Text.Json;
using AuditClient.Core.Errors;
using Microsoft.Extensions.Configuration;

namespace AuditClient.Cli.Hosting;

/// <summary>
/// The SDK's settings as an app reads them: <c>--config FILE</c> (JSON, with an <c>AuditClients</c> section), then the
/// environment variables <c>AuditClients__...</c>, which win. API keys come only from here, never from arguments.
/// </summary>
internal static class CliConfiguration
{
    public const string Section = "AuditClients";

    public static IConfiguration Build(CliContext context, FileInfo? configFile, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = new ConfigurationBuilder();
        if (configFile is not null)
        {
            if (Directory.Exists(configFile.FullName))
            {
                throw CliException.Configuration($"--config {configFile.FullName}: is a directory, not a JSON file.");
            }

            if (!configFile.Exists)
            {
                throw CliException.Configuration($"--config {configFile.FullName}: no such file.");
            }

            builder.AddJsonFile(configFile.FullName, optional: false, reloadOnChange: false);
        }

        // The environment-variables provider's own rule ('__' separates sections), applied to the context's variables
        // so that tests need not change the process environment.
        var prefix = Section + "__";
        builder.AddInMemoryCollection(context.Environment
            .Where(e => e.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(e => new KeyValuePair<string, string?>(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value)));
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        IConfiguration configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or JsonException or IOException)
        {
            throw CliException.Configuration($"--config {configFile?.FullName}: cannot be read as JSON ({e.InnerException?.Message ?? e.Message}).");
        }

        context.Redactor = RedactorOf(configuration.GetSection(Section));
        return configuration;
    }

    // Every vendor's configured key, with the forms its credential scheme derives from it (a Basic credential).
    private static Redactor RedactorOf(IConfiguration section) => new(VendorCatalog.All
        .Select(profile => (profile, key: section[$"{profile.Vendor}:ApiKey"]))
        .Where(p => !string.IsNullOrEmpty(p.key))
        .SelectMany(p => p.profile.CreateCredential(p.key!).Secrets));
}
