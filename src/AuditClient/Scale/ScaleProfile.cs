using System.Net.Http.Headers;
using System.Text;
using AuditClient.Core.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace AuditClient
{
    /// <summary>Scale's value of <see cref="AuditVendor"/>.</summary>
    public readonly partial struct AuditVendor
    {
        /// <summary>Scale AI (task audits and fixless audits).</summary>
        public static AuditVendor Scale { get; } = new("Scale");
    }
}

namespace AuditClient.Scale
{
    /// <summary>What the shared plumbing knows of Scale.</summary>
    internal sealed class ScaleProfile : VendorProfile
    {
        public static ScaleProfile Instance { get; } = new();

        private ScaleProfile()
        {
        }

        public override AuditVendor Vendor => AuditVendor.Scale;

        public override string Tag => "scale";

        public override Uri DefaultBaseAddress { get; } = new("https://api.scale.com");

        // Scale's error bodies are {"status_code": 400, "error": "..."}.
        public override IReadOnlyList<string> ErrorMessageProperties { get; } = ["error"];

        // HTTP Basic with the key as user name and an empty password, as Scale's API reference shows. The credential
        // may come back echoed with its Base64 padding or without.
        public override VendorCredential CreateCredential(string apiKey)
        {
            var credential = Convert.ToBase64String(Encoding.UTF8.GetBytes(apiKey + ":"));
            return new("Authorization", new AuthenticationHeaderValue("Basic", credential).ToString(), [apiKey, credential, credential.TrimEnd('=')]);
        }

        public override VendorOptions OptionsOf(AuditClientOptions options) => options.Scale;

        public override void SetOptionsOf(AuditClientOptions options, VendorOptions vendorOptions) => options.Scale = (ScaleOptions)vendorOptions;

        public override void Register(IServiceCollection services, Core.DependencyInjection.VendorAccount account) => ScaleRegistration.Register(services, account);
    }
}
