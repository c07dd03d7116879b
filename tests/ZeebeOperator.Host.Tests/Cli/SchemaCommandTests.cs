using ZeebeOperator.Core.Spec;
using ZeebeOperator.Host.Cli;
using ZeebeOperator.Host.Tests.Support;

namespace ZeebeOperator.Host.Tests.Cli;

/// <summary><c>schema</c> is how the repository's JSON Schema is regenerated from the spec records.</summary>
public sealed class SchemaCommandTests : IDisposable
{
    private readonly SpecCliWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task Prints_the_schema_the_spec_records_generate()
    {
        Assert.Equal(ExitCodes.Success, await workspace.RunAsync(["schema"]));

        Assert.Equal(SpecSchema.ToJson(), workspace.Console.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Writes_it_to_a_file_relative_to_the_current_directory()
    {
        Assert.Equal(ExitCodes.Success, await workspace.RunAsync(["schema", "--file", "zeebecluster.schema.json"]));

        var written = Path.Combine(workspace.SpecsPath, "..", "zeebecluster.schema.json");
        Assert.Equal(SpecSchema.ToJson(), File.ReadAllText(written));
        Assert.StartsWith("Wrote ", workspace.Console.Out, StringComparison.Ordinal);
    }
}
