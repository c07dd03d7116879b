using System.Diagnostics;
using System.Text.RegularExpressions;
using ZeebeOperator.Host.Cli;
using ZeebeOperator.Host.Tests.Support;

namespace ZeebeOperator.Host.Tests.Cli;

/// <summary>
/// <c>run --local --until-converged</c> as a separate process, as a user or a CI job starts it: its status table is
/// plain text when standard output is not a terminal, and on a terminal (a pseudo-terminal from <c>script</c>) when
/// <c>NO_COLOR</c> is set to any value.
/// </summary>
public sealed class RunOutputTests : IDisposable
{
    private const char Escape = '\u001b';
    private readonly TempDirectory specs = new();

    public RunOutputTests() => specs.Write("dev.json", File.ReadAllText(TestCli.Sample("dev.json")));

    public void Dispose() => specs.Dispose();

    [Fact]
    public async Task Redirected_output_and_logs_are_plain_text_even_on_a_colour_terminal_type()
    {
        var (exitCode, output) = await RunAsync(RunCommand(), noColor: null);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("Zeebe clusters", output, StringComparison.Ordinal);
        Assert.Contains("All 1 cluster(s) Ready", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Escape, output);
    }

    [Theory]
    [InlineData("1", false)]
    [InlineData(null, true)]
    public async Task On_a_terminal_NO_COLOR_set_to_anything_turns_colour_off(string? noColor, bool coloured)
    {
        var (exitCode, output) = await RunAsync(InPseudoTerminal(RunCommand()), noColor);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("All 1 cluster(s) Ready", output, StringComparison.Ordinal);
        // Graphic renditions (colour, bold) only: .NET itself switches a terminal's keypad mode (ESC [?1h ESC =).
        Assert.Equal(coloured, Regex.IsMatch(output, "\u001b\\[[0-9;]*m"));
    }

    private string[] RunCommand() =>
    [
        "dotnet", Path.Combine(AppContext.BaseDirectory, "zeebe-operator.dll"),
        "run", "--local", "--specs", specs.Path, "--until-converged", "--timeout", "60s",
    ];

    /// <summary><c>script</c> (util-linux) runs the command on a pseudo-terminal and copies what it shows to its own output.</summary>
    private static string[] InPseudoTerminal(string[] command) =>
        ["script", "--quiet", "--return", "--command", string.Join(' ', command.Select(a => $"'{a}'")), "/dev/null"];

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] command, string? noColor)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        // A terminal type that supports colour, so that only the redirection or NO_COLOR can turn it off.
        start.Environment["TERM"] = "xterm-256color";
        start.Environment.Remove("NO_COLOR");
        if (noColor is not null)
        {
            start.Environment["NO_COLOR"] = noColor;
        }

        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["Health__Enabled"] = "false";
        start.Environment["Local__TaskStartDelay"] = "00:00:00.1";
        start.Environment["Operator__SpecPollInterval"] = "00:00:00.2";
        start.Environment["Operator__ProgressRequeueInterval"] = "00:00:00.2";

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        // Through script, what the command writes to standard output and standard error (logs) both arrive on its output.
        return (process.ExitCode, await output + await error);
    }
}
