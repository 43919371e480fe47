using Microsoft.Extensions.Options;

namespace AuditClient.Core.DependencyInjection;

/// <summary>
/// Freezes the options as they are built (<see cref="AuditClientOptions.Frozen"/>): <c>AuditClients.Create</c>
/// builds them at once, a host when it starts (<c>ValidateOnStart</c>). A validation step because validation is the
/// last step of building options, after every <c>Configure</c> and <c>PostConfigure</c> of the app; it judges nothing.
/// </summary>
internal sealed class OptionsFreeze : IValidateOptions<AuditClientOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditClientOptions options)
    {
        options.Frozen();
        return ValidateOptionsResult.Skip;
    }
}
