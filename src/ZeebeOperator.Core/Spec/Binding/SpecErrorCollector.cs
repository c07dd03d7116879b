namespace ZeebeOperator.Core.Spec.Binding;

/// <summary>
/// Gathers the errors found while binding JSON to the spec records, and remembers which paths could not be
/// bound: their values are placeholders, so semantic errors under them would only repeat the binding error.
/// </summary>
internal sealed class SpecErrorCollector
{
    private readonly List<SpecError> errors = [];
    private readonly List<string> unboundPaths = [];

    public IReadOnlyList<SpecError> Errors => errors;

    public void Add(string path, string message) => errors.Add(new SpecError(path, message));

    public void Unbound(string path, string message)
    {
        Add(path, message);
        unboundPaths.Add(path);
    }

    public bool CoversPath(string path) => unboundPaths.Exists(unbound => SpecPath.IsWithin(path, unbound));
}
