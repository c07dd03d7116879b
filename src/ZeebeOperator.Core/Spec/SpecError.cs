namespace ZeebeOperator.Core.Spec;

/// <summary>One problem with a spec: the JSON path of the field and the rule it breaks.</summary>
public sealed record SpecError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>The outcome of reading a spec: a document when it is valid, otherwise every problem found.</summary>
public sealed record SpecParseResult(ZeebeClusterDocument? Document, IReadOnlyList<SpecError> Errors)
{
    public bool IsValid => Document is not null && Errors.Count == 0;

    public static SpecParseResult Valid(ZeebeClusterDocument document) => new(document, []);

    public static SpecParseResult Invalid(IReadOnlyList<SpecError> errors) => new(null, errors);
}
