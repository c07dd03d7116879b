using System.Diagnostics;

namespace ZeebeOperator.Host.Tests.Deployment;

/// <summary>
/// No Docker engine runs here, so the build stage is replayed on this machine: the same COPYs from the same
/// context (with .dockerignore), then the same restore and publish commands.
/// </summary>
public sealed class DockerfilePublishTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task The_build_stage_publishes_a_runnable_zeebe_operator()
    {
        var dockerfile = Dockerfile.Load(Dockerfile.RepositoryPath);
        var root = Path.Combine(Path.GetTempPath(), "zeebe-operator-docker-" + Guid.NewGuid().ToString("N")[..8]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            var stage = new DockerBuildStage(RepositoryRoot.Path, root);

            await stage.RunAsync(dockerfile.Stage("build"), timeout.Token);

            // The runtime stage copies /app and starts ./zeebe-operator from it.
            var app = stage.HostPath(Assert.Single(dockerfile.Final.All("COPY")).Words[1]);
            var entryPoint = Path.Combine(app, Assert.Single(Assert.Single(dockerfile.Final.All("ENTRYPOINT")).ExecForm).TrimStart('.', '/'));
            Assert.True(File.Exists(entryPoint), $"{entryPoint} was not published");
            if (!OperatingSystem.IsWindows())
            {
                Assert.True(File.GetUnixFileMode(entryPoint).HasFlag(UnixFileMode.UserExecute), "the entry point is not executable");
            }

            Assert.True(File.Exists(Path.Combine(app, "appsettings.json")), "appsettings.json was not published");
            Assert.False(Directory.Exists(Path.Combine(root, "src", "tests")), ".dockerignore or the COPYs let tests into the image");

            var start = new ProcessStartInfo(entryPoint, ["--help"]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = app };
            using var process = Process.Start(start)!;
            var help = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("run", help, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
