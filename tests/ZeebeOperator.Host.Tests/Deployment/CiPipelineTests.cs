using System.Text.RegularExpressions;
using ZeebeOperator.Host.Cli;
using ZeebeOperator.Host.Tests.Support;

namespace ZeebeOperator.Host.Tests.Deployment;

/// <summary>The sample pipeline calls the operator's CLI: every call must be one the CLI accepts.</summary>
public sealed partial class CiPipelineTests : IDisposable
{
    private readonly CapturedConsole console = new();

    public void Dispose() => console.Dispose();

    [Fact]
    public void Every_operator_command_in_the_sample_pipeline_parses_with_the_real_cli()
    {
        var pipeline = File.ReadAllText(Path.Combine(Path.GetDirectoryName(TestCli.Sample("dev.json"))!, "ci", "github-actions.yml"));
        var root = OperatorCli.CreateRootCommand(TestCli.Environment(console));

        var commands = OperatorCall().Matches(pipeline).Select(match => match.Groups["args"].Value).ToList();

        Assert.Equal(["validate", "diff", "apply"], commands.Select(args => args.Split(' ')[0]));
        foreach (var args in commands)
        {
            var words = args.Replace("\"$spec\"", "specs/orders.json", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var result = root.Parse(words);
            Assert.True(result.Errors.Count == 0, $"`{args}`: {string.Join("; ", result.Errors.Select(e => e.Message))}");
        }
    }

    [GeneratedRegex("\"\\$OPERATOR_IMAGE\" (?<args>[^|>\\n]+?)\\s*(?:\\||>>|\\|\\||\\n)")]
    private static partial Regex OperatorCall();
}
