using System.CommandLine;
using ZeebeOperator.Simulation.Chaos;
using ZeebeOperator.Soak;

var steps = new Option<int>("--steps") { Description = "Chaotic steps to run.", DefaultValueFactory = _ => 20_000 };
var seed = new Option<int>("--seed") { Description = "Seeds every random choice: the same seed gives the same run.", DefaultValueFactory = _ => 1 };
var calmEvery = new Option<int>("--calm-every") { Description = "Every this many steps the faults stop and the cluster must converge.", DefaultValueFactory = _ => 150 };
var json = new Option<FileInfo?>("--json") { Description = "Also write the figures as JSON to this file." };

var root = new RootCommand("Chaos soak of the Zeebe ECS operator on the simulated AWS; exits 1 on any invariant violation.")
{
    steps,
    seed,
    calmEvery,
    json,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var options = new SoakOptions { Steps = parse.GetValue(steps), Seed = parse.GetValue(seed), CalmEvery = parse.GetValue(calmEvery) };
    try
    {
        options.Validate();
    }
    catch (ArgumentOutOfRangeException e)
    {
        await Console.Error.WriteLineAsync($"error: {e.ParamName} {e.Message.Split(" (Parameter", 2)[0]}");
        return 2;
    }

    using var runner = new SoakRunner(options);
    var report = await runner.RunAsync(cancellationToken);
    SoakTable.Write(Console.Out, report);
    if (parse.GetValue(json) is { } file)
    {
        await SoakJson.WriteAsync(file, report, cancellationToken);
        Console.WriteLine($"figures written to {file.FullName}");
    }

    return report.ViolationCount == 0 ? 0 : 1;
});

return await root.Parse(args).InvokeAsync();
