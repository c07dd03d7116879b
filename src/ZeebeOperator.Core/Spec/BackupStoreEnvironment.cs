using System.Collections.Frozen;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Spec;

/// <summary>
/// The broker's S3 backup store settings, which the operator renders from <c>spec.backup.store</c> and so owns:
/// legacy <c>zeebe.broker.data.backup.*</c> (before 8.8), unified <c>camunda.data.backup.*</c> (8.8), and
/// <c>camunda.data.primary-storage.backup.*</c>, under which 8.9 nests them (it still reads the 8.8 names).
/// </summary>
public static class BackupStoreEnvironment
{
    /// <summary>The value of the store setting for S3.</summary>
    public const string S3 = "S3";

    public static OwnedBrokerSetting Store { get; } = Setting("backup store", "store");

    public static OwnedBrokerSetting BucketName { get; } = Setting("backup bucket", "s3.bucket-name");

    public static OwnedBrokerSetting BasePath { get; } = Setting("backup base path", "s3.base-path");

    public static OwnedBrokerSetting Region { get; } = Setting("backup region", "s3.region");

    public static OwnedBrokerSetting Endpoint { get; } = Setting("backup endpoint", "s3.endpoint");

    public static IReadOnlyList<OwnedBrokerSetting> Settings { get; } = [Store, BucketName, BasePath, Region, Endpoint];

    /// <summary>
    /// The variables that configure <paramref name="store"/> on a broker of <paramref name="naming"/>: for Unified
    /// both the 8.8 and the 8.9 names, with the same values (the image tag need not say which of the two runs).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Render(BackupStoreSpec store, EnvironmentNaming naming)
    {
        var values = new (OwnedBrokerSetting Setting, string? Value)[]
        {
            (Store, S3), (BucketName, store.Bucket), (BasePath, store.BasePath), (Region, store.Region), (Endpoint, store.Endpoint),
        };
        var rendered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (setting, value) in values.Where(v => v.Value is not null))
        {
            if (naming == EnvironmentNaming.Legacy)
            {
                rendered[setting.LegacyVariable] = value!;
            }
            else
            {
                rendered[setting.UnifiedVariable] = value!;
                rendered[SpringEnvironmentNames.Canonical(setting.OtherProperties[0])] = value!;
            }
        }

        return rendered;
    }

    /// <summary>
    /// Whether a broker with <paramref name="environment"/> has an S3 backup store with a bucket, in names its image
    /// reads: before 8.8 only the legacy ones; from 8.8 on any of them.
    /// </summary>
    public static bool Configures(IReadOnlyList<KeyValuePairEntry> environment, string image)
    {
        var env = environment.ToFrozenDictionary(e => e.Name, e => e.Value, StringComparer.OrdinalIgnoreCase);
        var legacyOnly = EnvironmentNamingResolver.Resolve(EnvironmentNaming.Auto, image) == EnvironmentNaming.Legacy;
        IEnumerable<string> NamesOf(OwnedBrokerSetting setting) =>
            legacyOnly ? [setting.LegacyVariable] : [setting.UnifiedVariable, setting.LegacyVariable, SpringEnvironmentNames.Canonical(setting.OtherProperties[0])];
        bool Has(OwnedBrokerSetting setting, Func<string, bool> valid) => NamesOf(setting).Any(n => env.TryGetValue(n, out var v) && valid(v));
        return Has(Store, v => string.Equals(v, S3, StringComparison.OrdinalIgnoreCase)) && Has(BucketName, v => v.Length > 0);
    }

    private static OwnedBrokerSetting Setting(string description, string suffix) =>
        new(description, $"camunda.data.backup.{suffix}", $"zeebe.broker.data.backup.{suffix}", [$"camunda.data.primary-storage.backup.{suffix}"]);
}
