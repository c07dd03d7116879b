using System.Text.Json;
using System.Xml;

namespace ZeebeOperator.Core.Spec.Binding;

/// <summary>
/// Binds a parsed JSON document to <see cref="ZeebeClusterDocument"/>: shapes, types, defaults, unknown and
/// repeated fields. Whatever fails to bind is reported and replaced by a placeholder, so binding always goes on
/// to the end and reports every problem.
/// </summary>
internal static class SpecBinder
{
    public const string SchemaField = "$schema";

    private static readonly Dictionary<string, LaunchType> LaunchTypes = new(StringComparer.Ordinal)
    {
        ["FARGATE"] = LaunchType.Fargate,
        ["EC2"] = LaunchType.Ec2,
    };

    private static readonly Dictionary<string, DataRetention> Retentions = new(StringComparer.Ordinal)
    {
        ["Retain"] = DataRetention.Retain,
        ["Delete"] = DataRetention.Delete,
    };

    private static readonly Dictionary<string, UpdateStrategyType> UpdateStrategyTypes = new(StringComparer.Ordinal)
    {
        ["RollingUpdate"] = UpdateStrategyType.RollingUpdate,
    };

    private static readonly Dictionary<string, EnvironmentNaming> EnvironmentNamings = new(StringComparer.Ordinal)
    {
        ["Auto"] = EnvironmentNaming.Auto,
        ["Unified"] = EnvironmentNaming.Unified,
        ["Legacy"] = EnvironmentNaming.Legacy,
    };

    public static ZeebeClusterDocument? Bind(JsonElement root, SpecErrorCollector errors)
    {
        var document = JsonObjectReader.Open(root, SpecPath.Root, errors);
        if (document is null)
        {
            return null;
        }

        document.NullableString(SchemaField);
        var bound = new ZeebeClusterDocument(
            document.RequiredString("apiVersion"),
            document.RequiredString("kind"),
            BindMetadata(document.RequiredObject("metadata")),
            BindSpec(document.RequiredObject("spec"), errors));
        document.RejectUnknownFields();
        return bound;
    }

    private static ObjectMeta BindMetadata(JsonObjectReader? metadata)
    {
        if (metadata is null)
        {
            return new ObjectMeta(string.Empty, 1, new Dictionary<string, string>());
        }

        var bound = new ObjectMeta(
            metadata.RequiredString("name"),
            metadata.LongOrDefault("generation", 1),
            metadata.StringMapOrEmpty("labels", SpecLimits.MaxStringLength),
            metadata.BoolOrDefault("deletionRequested", false));
        metadata.RejectUnknownFields();
        return bound;
    }

    private static ZeebeClusterSpec BindSpec(JsonObjectReader? spec, SpecErrorCollector errors)
    {
        if (spec is null)
        {
            return new ZeebeClusterSpec(
                string.Empty, 0, 0, 0, BindResources(null), BindPlacement(null, errors), BindServiceDiscovery(null),
                BindStorage(null), new Dictionary<string, string>(), UpdateStrategySpec.Default);
        }

        var bound = new ZeebeClusterSpec(
            spec.RequiredString("image"),
            spec.RequiredInt("clusterSize"),
            spec.RequiredInt("partitionCount"),
            spec.RequiredInt("replicationFactor"),
            BindResources(spec.RequiredObject("resources")),
            BindPlacement(spec.RequiredObject("placement"), errors),
            BindServiceDiscovery(spec.RequiredObject("serviceDiscovery")),
            BindStorage(spec.RequiredObject("storage")),
            spec.StringMapOrEmpty("env", SpecLimits.MaxEnvValueLength),
            BindUpdateStrategy(spec.OptionalObject("updateStrategy"), errors),
            spec.EnumOrDefault("environmentNaming", EnvironmentNamings, EnvironmentNaming.Auto));
        spec.RejectUnknownFields();
        return bound;
    }

    private static ResourceRequirements BindResources(JsonObjectReader? resources)
    {
        if (resources is null)
        {
            return new ResourceRequirements(0, 0);
        }

        var bound = new ResourceRequirements(resources.RequiredInt("cpu"), resources.RequiredInt("memory"));
        resources.RejectUnknownFields();
        return bound;
    }

    private static PlacementSpec BindPlacement(JsonObjectReader? placement, SpecErrorCollector errors)
    {
        if (placement is null)
        {
            return new PlacementSpec(string.Empty, [], [], LaunchType.Fargate, null, false, string.Empty, null, string.Empty, null);
        }

        if (placement.IsPresent("launchType") && placement.IsPresent("capacityProvider"))
        {
            errors.Unbound(
                placement.FieldPath("launchType"),
                $"must be left out when {placement.FieldPath("capacityProvider")} is set: the capacity provider decides where tasks run");
        }

        var bound = new PlacementSpec(
            placement.RequiredString("ecsCluster"),
            placement.RequiredStringList("subnets"),
            placement.RequiredStringList("securityGroups"),
            placement.EnumOrDefault("launchType", LaunchTypes, LaunchType.Fargate),
            placement.NullableString("capacityProvider"),
            placement.BoolOrDefault("assignPublicIp", false),
            placement.RequiredString("executionRoleArn"),
            placement.NullableString("taskRoleArn"),
            placement.RequiredString("logGroup"),
            placement.NullableString("logRegion"));
        placement.RejectUnknownFields();
        return bound;
    }

    private static ServiceDiscoverySpec BindServiceDiscovery(JsonObjectReader? serviceDiscovery)
    {
        if (serviceDiscovery is null)
        {
            return new ServiceDiscoverySpec(string.Empty, string.Empty);
        }

        var bound = new ServiceDiscoverySpec(
            serviceDiscovery.RequiredString("namespaceId"),
            serviceDiscovery.RequiredString("namespaceName"),
            serviceDiscovery.IntOrDefault("dnsTtlSeconds", 10));
        serviceDiscovery.RejectUnknownFields();
        return bound;
    }

    private static StorageSpec BindStorage(JsonObjectReader? storage)
    {
        if (storage is null)
        {
            return new StorageSpec(string.Empty, string.Empty, StorageDefaults.PosixUser);
        }

        var bound = new StorageSpec(
            storage.RequiredString("fileSystemId"),
            storage.RequiredString("rootDirectory"),
            BindPosixUser(storage.OptionalObject("posixUser")) ?? StorageDefaults.PosixUser,
            storage.StringOrDefault("permissions", StorageDefaults.Permissions),
            storage.EnumOrDefault("retention", Retentions, DataRetention.Retain));
        storage.RejectUnknownFields();
        return bound;
    }

    private static PosixIdentity? BindPosixUser(JsonObjectReader? posixUser)
    {
        if (posixUser is null)
        {
            return null;
        }

        var bound = new PosixIdentity(posixUser.RequiredLong("uid"), posixUser.RequiredLong("gid"));
        posixUser.RejectUnknownFields();
        return bound;
    }

    private static UpdateStrategySpec BindUpdateStrategy(JsonObjectReader? updateStrategy, SpecErrorCollector errors)
    {
        if (updateStrategy is null)
        {
            return UpdateStrategySpec.Default;
        }

        var bound = new UpdateStrategySpec(
            updateStrategy.EnumOrDefault("type", UpdateStrategyTypes, UpdateStrategyType.RollingUpdate),
            BindMaintenanceWindow(updateStrategy.NullableObject("maintenanceWindow"), errors));
        updateStrategy.RejectUnknownFields();
        return bound;
    }

    private static MaintenanceWindowSpec? BindMaintenanceWindow(JsonObjectReader? window, SpecErrorCollector errors)
    {
        if (window is null)
        {
            return null;
        }

        var bound = new MaintenanceWindowSpec(
            window.RequiredString("schedule"),
            ParseDuration(window.RequiredString("duration"), window.FieldPath("duration"), errors));
        window.RejectUnknownFields();
        return bound;
    }

    private static TimeSpan ParseDuration(string text, string path, SpecErrorCollector errors)
    {
        if (text.Length == 0)
        {
            return TimeSpan.Zero;
        }

        if (!SpecPatterns.Duration().IsMatch(text))
        {
            errors.Unbound(path, $"must be an ISO-8601 duration in days, hours, minutes and seconds such as \"PT2H\", not \"{text}\"");
            return TimeSpan.Zero;
        }

        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (Exception exception) when (exception is FormatException or OverflowException)
        {
            errors.Unbound(path, $"is too large to be a duration: \"{text}\"");
            return TimeSpan.Zero;
        }
    }
}
