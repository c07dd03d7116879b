using System.CommandLine;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Host.Cli;

/// <summary>
/// <c>schema [-o FILE]</c>: the spec's JSON Schema, generated from the spec records. The repository's
/// <c>crds/zeebecluster.schema.json</c> is written with it; a test fails when that copy is stale.
/// </summary>
internal sealed class SchemaCommand(CliEnvironment environment)
{
    public Command Create()
    {
        var file = new Option<string?>("--file", "-f") { Description = "Write the schema to this file instead of printing it." };
        var command = new Command("schema", "Print the ZeebeCluster JSON Schema (for editors), generated from the spec model.") { file };
        command.SetAction((parseResult, cancellationToken) => ExecuteAsync(parseResult.GetValue(file), cancellationToken));
        return command;
    }

    public async Task<int> ExecuteAsync(string? file, CancellationToken cancellationToken)
    {
        var schema = SpecSchema.ToJson();
        if (file is null)
        {
            await environment.Console.Out.WriteAsync(schema);
            return ExitCodes.Success;
        }

        var path = Path.GetFullPath(file, environment.CurrentDirectory);
        await File.WriteAllTextAsync(path, schema, cancellationToken);
        environment.Console.Out.WriteLine($"Wrote {path}");
        return ExitCodes.Success;
    }
}
