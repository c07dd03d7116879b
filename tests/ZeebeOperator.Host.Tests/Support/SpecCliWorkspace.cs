using ZeebeOperator.Core.Spec;
using ZeebeOperator.Host.Cli;
using ZeebeOperator.Host.Composition;

namespace ZeebeOperator.Host.Tests.Support;

/// <summary>
/// A temp folder with an empty specs folder (the local spec store) and a work folder (the user's files), and the
/// real CLI on the real wiring with short local intervals, so a `run --local` in-process converges in a second or two.
/// </summary>
internal sealed class SpecCliWorkspace : IDisposable
{
    private readonly TempDirectory _root = new();

    public SpecCliWorkspace()
    {
        Directory.CreateDirectory(SpecsPath);
    }

    public string SpecsPath => Path.Combine(_root.Path, "specs");

    public string StatePath => Path.Combine(SpecsPath, ".operator-state");

    public CapturedConsole Console { get; private set; } = new();

    public SpecStoresSource? StoresSource { get; set; }

    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>More configuration for the commands run from now on.</summary>
    public Dictionary<string, string?> Configuration { get; } = [];

    /// <summary>Writes a user file (not yet applied) and returns its path.</summary>
    public string WriteFile(string name, string content) => _root.Write(Path.Combine("work", name), content);

    /// <summary>The repository's samples/dev.json, optionally edited.</summary>
    public string WriteDev(Func<string, string>? edit = null) =>
        WriteFile("dev.json", (edit ?? (s => s))(File.ReadAllText(TestCli.Sample("dev.json"))));

    public string StoredDev => File.ReadAllText(Path.Combine(SpecsPath, "dev.json"));

    public CliEnvironment Environment(CapturedConsole console) =>
        new(console.Console, SpecParser.Parse, Time, _root.Path)
        {
            ConfigurationOverrides = new Dictionary<string, string?>(Configuration)
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Local:TaskStartDelay"] = "00:00:00.1",
                ["Operator:SpecPollInterval"] = "00:00:00.2",
                ["Operator:ProgressRequeueInterval"] = "00:00:00.2",
            },
            StatusRefreshInterval = TimeSpan.FromMilliseconds(100),
            StoresSource = StoresSource,
        };

    /// <summary>Runs a local spec verb (adds <c>--local --specs</c>) on a fresh captured console.</summary>
    public Task<int> LocalAsync(params string[] args) => RunAsync([.. args, "--local", "--specs", SpecsPath]);

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        Console.Dispose();
        Console = new CapturedConsole();
        return OperatorCli.InvokeAsync(args, Environment(Console), cancellationToken);
    }

    public void Dispose()
    {
        Console.Dispose();
        _root.Dispose();
    }
}
