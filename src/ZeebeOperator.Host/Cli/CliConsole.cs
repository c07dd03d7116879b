using Spectre.Console;

namespace ZeebeOperator.Host.Cli;

/// <summary>Where commands write: plain text and JSON to <see cref="Out"/>, problems to <see cref="Error"/>, tables to <see cref="Ansi"/>.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, IAnsiConsole Ansi)
{
    public static CliConsole System() => new(Console.Out, Console.Error, AnsiConsole.Console);
}
