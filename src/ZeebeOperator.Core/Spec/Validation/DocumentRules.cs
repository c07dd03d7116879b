namespace ZeebeOperator.Core.Spec.Validation;

internal static class DocumentRules
{
    private static readonly string ApiVersionPath = SpecPath.Of(d => d.ApiVersion);
    private static readonly string KindPath = SpecPath.Of(d => d.Kind);

    public static void Check(ZeebeClusterDocument document, ICollection<SpecError> errors)
    {
        if (document.ApiVersion != ZeebeClusterDocument.CurrentApiVersion)
        {
            errors.Add(ApiVersionPath, $"must be \"{ZeebeClusterDocument.CurrentApiVersion}\"");
        }

        if (document.Kind != ZeebeClusterDocument.ResourceKind)
        {
            errors.Add(KindPath, $"must be \"{ZeebeClusterDocument.ResourceKind}\"");
        }
    }
}
