using Spectre.Console;

namespace ZeebeOperator.Host.Cli;

/// <summary>Where commands write: plain text and JSON to <see cref="Out"/>, problems to <see cref="Error"/>, tables to <see cref="Ansi"/>.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, IAnsiConsole Ansi)
{
    /// <summary>Standard output is a terminal someone watches (not a pipe, a file or a CI log): worth redrawing on.</summary>
    public bool IsTerminal { get; init; }

    /// <summary>
    /// The process's console. Tables are plain text when standard output is not a terminal (a pipe, a file, a CI log)
    /// or NO_COLOR is set to anything but the empty string (no-color.org); Spectre's own detection goes by TERM alone.
    /// </summary>
    public static CliConsole System()
    {
        var terminal = !Console.IsOutputRedirected;
        var plain = !terminal || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return new(Console.Out, Console.Error, CreateAnsi(Console.Out, plain)) { IsTerminal = terminal };
    }

    /// <summary>A Spectre console on <paramref name="output"/>: no escape codes at all when <paramref name="plain"/>, otherwise what the terminal supports.</summary>
    public static IAnsiConsole CreateAnsi(TextWriter output, bool plain) =>
        AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = plain ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(output),
        });
}
