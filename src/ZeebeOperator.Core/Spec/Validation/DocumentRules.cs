namespace ZeebeOperator.Core.Spec.Validation;

internal static class DocumentRules
{
    public static void Check(ZeebeClusterDocument document, ICollection<SpecError> errors)
    {
        if (document.ApiVersion != ZeebeClusterDocument.CurrentApiVersion)
        {
            errors.Add("apiVersion", $"must be \"{ZeebeClusterDocument.CurrentApiVersion}\"");
        }

        if (document.Kind != ZeebeClusterDocument.ResourceKind)
        {
            errors.Add("kind", $"must be \"{ZeebeClusterDocument.ResourceKind}\"");
        }
    }
}
