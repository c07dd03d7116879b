using System.Text.Json;
using ZeebeOperator.Host.Cli;
using ZeebeOperator.Host.Tests.Support;

namespace ZeebeOperator.Host.Tests.Cli;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly CapturedConsole console = new();
    private readonly TempDirectory files = new();

    public void Dispose()
    {
        console.Dispose();
        files.Dispose();
    }

    [Fact]
    public async Task A_valid_file_prints_OK_and_exits_0()
    {
        var file = files.Write("orders.json", Specs.ClusterJson);

        var exitCode = await RunAsync("validate", file);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal([$"OK {file}"], console.OutLines);
    }

    [Fact]
    public async Task Every_error_of_every_file_is_printed_and_the_exit_code_is_1()
    {
        var good = files.Write("orders.json", Specs.ClusterJson);
        var bad = files.Write("payments.json", Specs.BadJson);

        var exitCode = await RunAsync("validate", good, bad);

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Equal(
            [
                $"OK {good}",
                $"{bad}: spec.clusterSize: must be at least 1",
                $"{bad}: spec.image: is required",
            ],
            console.OutLines);
    }

    [Fact]
    public async Task A_folder_expands_to_its_top_level_json_files_in_name_order()
    {
        files.Write("b.json", Specs.ClusterJson);
        files.Write("a.json", Specs.ClusterJson);
        files.Write("notes.txt", "not json");
        files.Write("templates/stack.json", "{}");

        var exitCode = await RunAsync("validate", files.Path);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(
            [$"OK {Path.Combine(files.Path, "a.json")}", $"OK {Path.Combine(files.Path, "b.json")}"],
            console.OutLines);
    }

    [Fact]
    public async Task A_missing_file_is_an_error()
    {
        var missing = Path.Combine(files.Path, "nope.json");

        var exitCode = await RunAsync("validate", missing);

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Equal([$"{missing}: $: file not found"], console.OutLines);
    }

    [Fact]
    public async Task An_empty_folder_fails()
    {
        var exitCode = await RunAsync("validate", files.Path);

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("No spec files found", console.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_lists_each_file_with_its_errors()
    {
        var good = files.Write("orders.json", Specs.ClusterJson);
        var bad = files.Write("payments.json", Specs.BadJson);

        var exitCode = await RunAsync("validate", "-o", "json", good, bad);

        Assert.Equal(ExitCodes.Failure, exitCode);
        using var json = JsonDocument.Parse(console.Out);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        var reports = json.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(good, reports[0].GetProperty("file").GetString());
        Assert.True(reports[0].GetProperty("valid").GetBoolean());
        Assert.Equal(0, reports[0].GetProperty("errors").GetArrayLength());
        Assert.False(reports[1].GetProperty("valid").GetBoolean());
        Assert.Equal("spec.image", reports[1].GetProperty("errors")[1].GetProperty("path").GetString());
        Assert.Equal("is required", reports[1].GetProperty("errors")[1].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Without_files_it_is_a_usage_error()
    {
        var exitCode = await RunAsync("validate");

        Assert.Equal(ExitCodes.Failure, exitCode);
    }

    private Task<int> RunAsync(params string[] args) =>
        OperatorCli.InvokeAsync(args, TestCli.Environment(console));
}
