using AuditClient.Core.Vendors;
using Microsoft.Extensions.DependencyInjection;

namespace AuditClient
{
    /// <summary>CloudFactory's value of <see cref="AuditVendor"/>.</summary>
    public readonly partial struct AuditVendor
    {
        /// <summary>CloudFactory (Quality API).</summary>
        public static AuditVendor CloudFactory { get; } = new("CloudFactory");
    }
}

namespace AuditClient.CloudFactory
{
    /// <summary>What the shared plumbing knows of CloudFactory.</summary>
    internal sealed class CloudFactoryProfile : VendorProfile
    {
        public static CloudFactoryProfile Instance { get; } = new();

        private CloudFactoryProfile()
        {
        }

        public override AuditVendor Vendor => AuditVendor.CloudFactory;

        public override string Tag => "cloudfactory";

        public override Uri DefaultBaseAddress { get; } = new("https://api.cloudfactory.app");

        // CloudFactory's error bodies are {"message": "..."}.
        public override IReadOnlyList<string> ErrorMessageProperties { get; } = ["message"];

        // The x-api-key header, as the Quality API reference shows.
        public override VendorCredential CreateCredential(string apiKey) => new("x-api-key", apiKey, [apiKey]);

        public override VendorOptions OptionsOf(AuditClientOptions options) => options.CloudFactory;

        public override void SetOptionsOf(AuditClientOptions options, VendorOptions vendorOptions) => options.CloudFactory = (CloudFactoryOptions)vendorOptions;

        public override void Register(IServiceCollection services, Core.DependencyInjection.VendorAccount account) => CloudFactoryRegistration.Register(services, account);
    }
}
