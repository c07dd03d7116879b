using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using ZeebeOperator.Testing;

namespace ZeebeOperator.Host.Tests.Deployment;

/// <summary>The rules the container image must keep; no Docker engine runs here, so they are read from the file.</summary>
public sealed class DockerfileTests
{
    private static readonly Dockerfile File = Dockerfile.Load(Dockerfile.RepositoryPath);
    private static readonly string HostProject = Path.Combine(RepositoryRoot.Path, "src", "ZeebeOperator.Host", "ZeebeOperator.Host.csproj");

    private static DockerStage Build => File.Stage("build");

    [Fact]
    public void Builds_with_the_SDK_and_ships_only_the_ASP_NET_runtime()
    {
        Assert.True(File.Stages.Count >= 2, "the Dockerfile must be multi-stage");
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", Build.Image);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", File.Final.Image);
        var copyFromBuild = Assert.Single(File.Final.All("COPY"));
        Assert.Equal(["--from=build", "/app", "./"], copyFromBuild.Words);
    }

    [Fact]
    public void Restore_is_its_own_layer_fed_only_by_the_files_that_decide_the_package_graph()
    {
        var instructions = Build.Instructions;
        var restore = instructions.Single(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        var copiedBeforeRestore = instructions
            .TakeWhile(i => i != restore)
            .Where(i => i.Keyword == "COPY")
            .SelectMany(i => i.Words.SkipLast(1))
            .ToList();

        Assert.All(copiedBeforeRestore, source => Assert.Matches(@"^(global\.json|Directory\.[A-Za-z]+\.props|[A-Za-z.]+\.sln|src/[A-Za-z.]+/[A-Za-z.]+\.csproj)$", source));
        Assert.Contains("Directory.Packages.props", copiedBeforeRestore);
        Assert.Contains("global.json", copiedBeforeRestore);

        // Every project the host builds from must be there, or restore fails (or the layer caches the wrong graph).
        var projects = ProjectClosure(HostProject).Select(p => Path.GetRelativePath(RepositoryRoot.Path, p).Replace('\\', '/'));
        Assert.Equal(projects.Order(StringComparer.Ordinal), copiedBeforeRestore.Where(s => s.EndsWith(".csproj", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.EndsWith("src/ZeebeOperator.Host/ZeebeOperator.Host.csproj", restore.Arguments, StringComparison.Ordinal);

        var firstSourceCopy = instructions.First(i => i.Keyword == "COPY" && i.Words[0] == "src/");
        Assert.True(Index(restore) < Index(firstSourceCopy), "sources must be copied after the restore layer");
        var publish = instructions.Single(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet publish", StringComparison.Ordinal));
        Assert.True(Index(firstSourceCopy) < Index(publish));
        Assert.Contains("--no-restore", publish.Words);

        int Index(DockerInstruction instruction) => instructions.ToList().IndexOf(instruction);
    }

    [Fact]
    public void Runs_as_the_images_non_root_user()
    {
        var user = Assert.Single(File.Final.All("USER"));
        Assert.Equal("$APP_UID", user.Arguments);
        var final = File.Final.Instructions.ToList();
        Assert.True(final.IndexOf(user) < final.FindIndex(i => i.Keyword == "ENTRYPOINT"), "USER must come before the entry point");
    }

    [Fact]
    public void Entry_point_is_the_host_executable_and_runs_the_operator_loop()
    {
        var assemblyName = XDocument.Load(HostProject).Descendants("AssemblyName").Single().Value;

        Assert.Equal(["./" + assemblyName], Assert.Single(File.Final.All("ENTRYPOINT")).ExecForm);
        Assert.Equal(typeof(Host.Cli.CliEnvironment).Assembly.GetName().Name, assemblyName);
        Assert.Equal(["run"], Assert.Single(File.Final.All("CMD")).ExecForm);
        Assert.Equal("/app", Assert.Single(File.Final.All("WORKDIR")).Arguments);
    }

    [Fact]
    public void Only_the_health_port_listens_and_the_health_check_asks_it()
    {
        var environment = File.Final.Environment;
        var healthPort = environment["Health__Port"];

        Assert.Equal(string.Empty, environment["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal(healthPort, Assert.Single(File.Final.All("EXPOSE")).Arguments);
        Assert.Equal("json", environment["Logging__Format"]);

        var healthCheck = Assert.Single(File.Final.All("HEALTHCHECK"));
        Assert.Contains("--interval=", healthCheck.Arguments, StringComparison.Ordinal);
        var command = healthCheck.Arguments[healthCheck.Arguments.IndexOf("CMD", StringComparison.Ordinal)..];
        Assert.StartsWith("CMD [\"bash\", \"-c\",", command, StringComparison.Ordinal);
        var script = HealthCheckScript;
        Assert.Contains("${Health__Port:-" + healthPort + "}", script, StringComparison.Ordinal);
        Assert.Contains("GET /healthz ", script, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ECS_task_definition_runs_the_same_health_check_on_the_same_port()
    {
        var taskDefinition = JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(RepositoryRoot.Path, "samples", "deploy", "operator-task-definition.json")))!;
        var container = taskDefinition["containerDefinitions"]![0]!;
        var command = container["healthCheck"]!["command"]!.AsArray().Select(c => (string)c!).ToList();

        Assert.Equal(["CMD", "bash", "-c", HealthCheckScript], command);
        Assert.Equal(int.Parse(File.Final.Environment["Health__Port"], System.Globalization.CultureInfo.InvariantCulture), (int)container["portMappings"]![0]!["containerPort"]!);
        Assert.Equal(["run"], container["command"]!.AsArray().Select(c => (string)c!));
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(503, false)]
    [InlineData(404, false)]
    public async Task Health_check_script_passes_only_on_a_200_from_healthz(int status, bool healthy)
    {
        await using var server = new LoopbackHttpServer(_ => new CannedResponse(status, "{}"));

        var exitCode = await RunHealthCheckAsync(server.BaseUri.Port);

        Assert.Equal(healthy, exitCode == 0);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("GET", "/healthz"), (request.Method, request.Target));
    }

    [Fact]
    public async Task Health_check_script_fails_when_nothing_listens()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        Assert.NotEqual(0, await RunHealthCheckAsync(port));
    }

    private static string HealthCheckScript
    {
        get
        {
            var healthCheck = Assert.Single(File.Final.All("HEALTHCHECK"));
            var exec = healthCheck.ExecForm;
            Assert.Equal(["bash", "-c"], exec.Take(2));
            return Assert.Single(exec.Skip(2));
        }
    }

    /// <summary>Runs the health check exactly as the container would: bash with the image's Health__Port.</summary>
    private static async Task<int> RunHealthCheckAsync(int port)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(HealthCheckScript);
        start.Environment["Health__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    private static IReadOnlyList<string> ProjectClosure(string project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                var relative = reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar);
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, relative)));
            }
        }

        return [.. seen];
    }
}
