using System.Diagnostics;

namespace ZeebeOperator.Aws.Tests.Infrastructure;

/// <summary>
/// The npm tools the tests need (aws-sdk v2 for the official API models, dynalite for DynamoDB), installed once
/// into the ignored folder <c>{repo}/.tools/npm</c>. Idempotent (a marker file names the installed versions) and safe
/// under concurrent test processes (an exclusive lock file around the install).
/// </summary>
public static class NpmTools
{
    public const string AwsSdkVersion = "2.1693.0";
    public const string DynaliteVersion = "4.0.0";

    private static readonly Lazy<string> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The <c>node_modules</c> folder, installing on first use.</summary>
    public static string NodeModules => Installed.Value;

    public static string ApiModel(string fileName) => Path.Combine(NodeModules, "aws-sdk", "apis", fileName);

    public static string DynaliteCli => Path.Combine(NodeModules, "dynalite", "cli.js");

    public static string RepoRoot { get; } = FindRepoRoot();

    private static string Install()
    {
        var prefix = Path.Combine(RepoRoot, ".tools", "npm");
        var nodeModules = Path.Combine(prefix, "node_modules");
        var marker = Path.Combine(prefix, $".installed-aws-sdk-{AwsSdkVersion}-dynalite-{DynaliteVersion}");
        if (File.Exists(marker))
        {
            return nodeModules;
        }

        Directory.CreateDirectory(prefix);
        using var lockFile = AcquireLock(Path.Combine(RepoRoot, ".tools", "npm.lock"));
        if (File.Exists(marker))
        {
            return nodeModules;
        }

        var npm = new ProcessStartInfo("npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "install", "--prefix", prefix, $"aws-sdk@{AwsSdkVersion}", $"dynalite@{DynaliteVersion}",
                     "--no-audit", "--no-fund", "--no-save", "--loglevel=error",
                 })
        {
            npm.ArgumentList.Add(argument);
        }

        using var process = Process.Start(npm) ?? throw new InvalidOperationException("npm could not be started.");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm install failed: {stderr.Result}");
        }

        File.WriteAllText(marker, DateTimeOffset.UtcNow.ToString("O"));
        return nodeModules;
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(250);
            }
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Operator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Operator.sln not found above the test binaries.");
    }
}
