using ZeebeOperator.Core.Spec.Validation;

namespace ZeebeOperator.Core.Spec;

/// <summary>The semantic rules of a spec, field by field and across fields. Reports every broken rule.</summary>
public static class SpecValidator
{
    public static IReadOnlyList<SpecError> Validate(ZeebeClusterDocument document)
    {
        var errors = new List<SpecError>();
        DocumentRules.Check(document, errors);
        MetadataRules.Check(document.Metadata, document.Spec.ClusterSize, errors);
        ClusterShapeRules.Check(document.Spec, errors);
        ResourceRules.Check(document.Spec.Resources, document.Spec.Placement, errors);
        PlacementRules.Check(document.Spec.Placement, errors);
        ServiceDiscoveryRules.Check(document.Metadata.Name, document.Spec.ClusterSize, document.Spec.ServiceDiscovery, errors);
        StorageRules.Check(document.Spec.Storage, document.Spec.ClusterSize, errors);
        EnvironmentRules.Check(document.Spec.Env, errors);
        SecretRules.Check(document.Spec.Secrets, document.Spec.Env, errors);
        RestartRules.Check(document.Spec.RestartedAt, errors);
        UpdateStrategyRules.Check(document.Spec.UpdateStrategy, errors);
        BackupRules.Check(document.Spec.Backup, errors);
        NotifyRules.Check(document.Spec.Notify, document.Spec.Placement.EcsCluster, errors);
        ClientAccessRules.Check(document.Metadata.Name, document.Spec.ClusterSize, document.Spec.ClientAccess, errors);
        return errors;
    }
}
