using System.CommandLine;

namespace ZeebeOperator.Host.Cli;

/// <summary><c>validate &lt;files...&gt;</c>: checks specs for CI; prints <c>OK file</c> or <c>file: path: message</c> per error.</summary>
internal sealed class ValidateCommand(CliConsole console, SpecFileReader reader)
{
    public Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Spec files, or folders whose top-level *.json files are all specs.",
        };
        var output = Output.CreateOption();
        var command = new Command("validate", "Check ZeebeCluster specs; exits 1 if any is invalid.") { files, output };
        command.SetAction((parseResult, cancellationToken) =>
            ExecuteAsync(parseResult.GetValue(files) ?? [], parseResult.GetValue(output), cancellationToken));
        return command;
    }

    public async Task<int> ExecuteAsync(IReadOnlyList<string> inputs, OutputFormat format, CancellationToken cancellationToken)
    {
        var files = SpecFiles.Expand(inputs);
        var results = new List<SpecFileResult>(files.Count);
        foreach (var file in files)
        {
            results.Add(await reader.ReadAsync(file, cancellationToken));
        }

        var valid = files.Count > 0 && results.TrueForAll(r => r.IsValid);
        if (format == OutputFormat.Json)
        {
            Output.WriteJson(console.Out, new ValidationReport(
                valid,
                [.. results.Select(r => new FileReport(r.File, r.IsValid, r.Errors))]));
        }
        else
        {
            foreach (var result in results)
            {
                if (result.IsValid)
                {
                    console.Out.WriteLine($"OK {result.File}");
                }
                else
                {
                    SpecFileReader.WriteErrors(console.Out, result);
                }
            }
        }

        if (files.Count == 0)
        {
            console.Error.WriteLine($"No spec files found in: {string.Join(", ", inputs)}");
        }

        return valid ? ExitCodes.Success : ExitCodes.Failure;
    }

    private sealed record ValidationReport(bool Valid, IReadOnlyList<FileReport> Files);

    private sealed record FileReport(string File, bool Valid, IReadOnlyList<Core.Spec.SpecError> Errors);
}
