using System.Diagnostics;
using Microsoft.Extensions.FileSystemGlobbing;

namespace ZeebeOperator.Host.Tests.Deployment;

/// <summary>
/// Replays a Dockerfile's build stage without Docker: <c>WORKDIR</c>, <c>COPY</c> from the build context (minus
/// what <c>.dockerignore</c> excludes) and <c>RUN dotnet …</c>, inside a folder that stands for the container's
/// file system. Anything else fails loudly, so the replay never silently diverges from the real build.
/// </summary>
internal sealed class DockerBuildStage(string context, string root)
{
    private readonly Matcher _ignored = LoadDockerIgnore(context);
    private string _workdir = "/";

    /// <summary>The host path of an absolute container path.</summary>
    public string HostPath(string containerPath) => Path.Combine(root, containerPath.TrimStart('/'));

    public async Task RunAsync(DockerStage stage, CancellationToken cancellationToken)
    {
        foreach (var instruction in stage.Instructions)
        {
            switch (instruction.Keyword)
            {
                case "WORKDIR":
                    _workdir = ContainerPath(instruction.Arguments);
                    Directory.CreateDirectory(HostPath(_workdir));
                    break;
                case "COPY":
                    Copy(instruction);
                    break;
                case "RUN":
                    await RunDotnetAsync(instruction, cancellationToken);
                    break;
                default:
                    throw new NotSupportedException($"line {instruction.Line}: the build-stage replay does not know {instruction.Keyword}; teach it or keep the build stage simple.");
            }
        }
    }

    private void Copy(DockerInstruction instruction)
    {
        var words = instruction.Words;
        if (words.Any(w => w.StartsWith("--", StringComparison.Ordinal)))
        {
            throw new NotSupportedException($"line {instruction.Line}: COPY options are not replayed");
        }

        var destination = ContainerPath(words[^1]);
        foreach (var source in words.SkipLast(1))
        {
            var matches = Matches(source);
            if (matches.Count == 0)
            {
                throw new InvalidOperationException($"line {instruction.Line}: COPY {source} matches nothing in the build context");
            }

            foreach (var file in matches)
            {
                var target = source.EndsWith('/')
                    ? Path.Combine(HostPath(destination), Path.GetRelativePath(Path.Combine(context, source), file))
                    : words[^1].EndsWith('/') ? Path.Combine(HostPath(destination), Path.GetFileName(file)) : HostPath(destination);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
        }
    }

    private List<string> Matches(string source)
    {
        var full = Path.Combine(context, source);
        IEnumerable<string> candidates = source.EndsWith('/') || Directory.Exists(full)
            ? Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
            : Directory.EnumerateFiles(Path.GetDirectoryName(full)!, Path.GetFileName(full), SearchOption.TopDirectoryOnly);
        return [.. candidates.Where(file => !_ignored.Match(context, file).HasMatches)];
    }

    private async Task RunDotnetAsync(DockerInstruction instruction, CancellationToken cancellationToken)
    {
        var words = instruction.Words;
        if (words[0] != "dotnet")
        {
            throw new NotSupportedException($"line {instruction.Line}: only 'RUN dotnet …' is replayed");
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = HostPath(_workdir),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var word in words.Skip(1))
        {
            // Absolute paths name the container's file system; relative ones resolve against WORKDIR as in the container.
            start.ArgumentList.Add(word.StartsWith('/') ? HostPath(word) : word);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"line {instruction.Line}: '{instruction.Arguments}' exited {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    private string ContainerPath(string path) => path.StartsWith('/') ? path : _workdir.TrimEnd('/') + "/" + path;

    private static Matcher LoadDockerIgnore(string context)
    {
        var matcher = new Matcher();
        var file = Path.Combine(context, ".dockerignore");
        foreach (var line in File.Exists(file) ? File.ReadAllLines(file) : [])
        {
            var pattern = line.Trim();
            if (pattern.Length == 0 || pattern.StartsWith('#'))
            {
                continue;
            }

            if (pattern.StartsWith('!'))
            {
                throw new NotSupportedException($".dockerignore exceptions ({pattern}) are not replayed");
            }

            // A .dockerignore pattern excludes the path itself and everything below it.
            matcher.AddInclude(pattern);
            matcher.AddInclude(pattern.TrimEnd('/') + "/**");
        }

        return matcher;
    }
}
