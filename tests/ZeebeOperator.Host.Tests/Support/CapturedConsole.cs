using ZeebeOperator.Host.Cli;

namespace ZeebeOperator.Host.Tests.Support;

/// <summary>A <see cref="CliConsole"/> that writes into strings: plain output, errors, and tables (no colour, 200 columns).</summary>
internal sealed class CapturedConsole : IDisposable
{
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();
    private readonly StringWriter tables = new();

    /// <param name="terminal">Stand in for a terminal someone watches; otherwise for a pipe.</param>
    public CapturedConsole(bool terminal = false)
    {
        var ansi = CliConsole.CreateAnsi(tables, plain: true);
        ansi.Profile.Width = 200;
        Console = new CliConsole(output, error, ansi) { IsTerminal = terminal };
    }

    public CliConsole Console { get; }

    public string Out => output.ToString();

    public string Error => error.ToString();

    public string Tables => tables.ToString();

    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public void Dispose()
    {
        output.Dispose();
        error.Dispose();
        tables.Dispose();
    }
}
