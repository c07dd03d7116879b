namespace ZeebeOperator.Core.Tests.Spec.Schema;

internal sealed record SchemaViolation(string Path, string Keyword, string Message)
{
    public override string ToString() => $"{Path}: {Keyword}: {Message}";
}
