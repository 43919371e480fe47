using AuditClient.Core.Bulk;
using AuditClient.Core.Errors;

namespace AuditClient.Tests.Core.Bulk;

/// <summary>
/// The target a journal records, as the SDK builds it: how messages name it, and whether its clients are still in use.
/// </summary>
public sealed class BulkTargetTests
{
    private const string Credential = "Basic c2NhbGVfc2VjcmV0X2tleTo=";

    [Test]
    public void A_target_is_named_by_its_vendor_address_and_account_and_never_by_its_credential()
    {
        var named = new BulkTarget("Scale", new Uri("https://api.example.test/v1"), "team-a", Credential, Redactor.None);
        var unnamed = new BulkTarget("Scale", new Uri("https://api.example.test/v1/"), null, Credential, Redactor.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(named.ToString(), Is.EqualTo("Scale at https://api.example.test/v1 (account team-a)"));
            Assert.That(unnamed.ToString(), Is.EqualTo("Scale at https://api.example.test/v1/ (the unnamed account)"));
            Assert.That(named.KeyFingerprint("0123456789ab"), Does.Match("^pbkdf2-sha256:100000:[0-9a-f]{32}$"));
            Assert.That(
                named.KeyFingerprint("0123456789ab"),
                Is.Not.EqualTo(new BulkTarget("Scale", new Uri("https://api.example.test/v1"), "team-a", Credential + "x", Redactor.None).KeyFingerprint("0123456789ab")),
                "another key, another fingerprint");
            Assert.That(named.KeyFingerprint("0123456789ab"), Is.Not.EqualTo(named.KeyFingerprint("ba9876543210")), "salted per journal");
        }
    }

    [Test]
    public void A_target_says_its_clients_were_disposed_only_when_they_were()
    {
        var disposed = false;
        var target = new BulkTarget("Scale", new Uri("https://api.example.test/"), null, Credential, Redactor.None, () => disposed);
        var unknown = new BulkTarget("Scale", new Uri("https://api.example.test/"), null, Credential, Redactor.None);

        Assert.That(target.IsDisposed, Is.False);
        disposed = true;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(target.IsDisposed, Is.True);
            Assert.That(unknown.IsDisposed, Is.False, "without a way to ask, its clients are taken as in use");
            Assert.That(() => new BulkTarget("Scale", null!, null, Credential, Redactor.None), Throws.ArgumentNullException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("baseAddress"));
        }
    }
}
