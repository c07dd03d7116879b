using System.CommandLine;
using System.CommandLine.Parsing;

namespace ZeebeOperator.Host.Cli;

/// <summary>
/// Where a verb finds AWS: <c>--endpoint-url</c>, <c>--region</c>, <c>--bucket</c>, <c>--prefix</c>, <c>--table</c>.
/// Add them to any command with <see cref="AddTo"/>; <see cref="ToConfiguration"/> turns the given ones into
/// <c>Aws:*</c> keys that beat appsettings.json and environment variables.
/// </summary>
internal sealed class AwsTargetOptions
{
    public const string EndpointUrlKey = "Aws:EndpointUrl";
    public const string RegionKey = "Aws:Region";
    public const string BucketKey = "Aws:SpecBucket";
    public const string PrefixKey = "Aws:SpecPrefix";
    public const string TableKey = "Aws:TableName";

    public Option<string> EndpointUrl { get; } = new("--endpoint-url")
    {
        Description = "One endpoint for S3, DynamoDB, ECS, Cloud Map and EFS (an AWS-compatible emulator); overrides Aws:EndpointUrl and AWS_ENDPOINT_URL[_SERVICE].",
        HelpName = "url",
    };

    public Option<string> Region { get; } = new("--region")
    {
        Description = "AWS region, e.g. eu-west-1; overrides Aws:Region and AWS_REGION.",
        HelpName = "region",
    };

    public Option<string> Bucket { get; } = new("--bucket")
    {
        Description = "The S3 bucket holding the ZeebeCluster specs; overrides Aws:SpecBucket.",
        HelpName = "name",
    };

    public Option<string> Prefix { get; } = new("--prefix")
    {
        Description = "Key prefix of the spec objects (default clusters/); overrides Aws:SpecPrefix.",
        HelpName = "prefix",
    };

    public Option<string> Table { get; } = new("--table")
    {
        Description = "The DynamoDB table for status and audit (default zeebe-operator); overrides Aws:TableName.",
        HelpName = "name",
    };

    private IEnumerable<(Option<string> Option, string Key)> All =>
    [
        (EndpointUrl, EndpointUrlKey),
        (Region, RegionKey),
        (Bucket, BucketKey),
        (Prefix, PrefixKey),
        (Table, TableKey),
    ];

    public void AddTo(Command command)
    {
        foreach (var (option, _) in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Adds the options, and refuses them (and <paramref name="alsoAwsOnly"/>) together with <paramref name="local"/>.</summary>
    public void AddTo(Command command, Option<bool> local, params Option<bool>[] alsoAwsOnly)
    {
        AddTo(command);
        command.Validators.Add(result =>
        {
            var awsOnly = Given(result).Concat(alsoAwsOnly.Where(option => result.GetValue(option)).Select(option => option.Name)).ToList();
            if (result.GetValue(local) && awsOnly.Count > 0)
            {
                result.AddError($"{string.Join(", ", awsOnly)}: only without --local; they target AWS.");
            }
        });
    }

    /// <summary>The <c>Aws:*</c> configuration keys of the options given on the command line.</summary>
    public IReadOnlyDictionary<string, string?> ToConfiguration(ParseResult parseResult) =>
        All.Where(entry => parseResult.GetResult(entry.Option) is { Implicit: false })
            .ToDictionary(entry => entry.Key, entry => parseResult.GetValue(entry.Option), StringComparer.OrdinalIgnoreCase);

    /// <summary>The names of the options given on the command line (for "only without --local" errors).</summary>
    public IReadOnlyList<string> Given(CommandResult result) =>
        [.. All.Where(entry => result.GetResult(entry.Option) is { Implicit: false }).Select(entry => entry.Option.Name)];

    /// <summary>Layers command-line keys over other overrides: the command line wins.</summary>
    public static IReadOnlyDictionary<string, string?> Merge(IReadOnlyDictionary<string, string?>? overrides, IReadOnlyDictionary<string, string?> commandLine)
    {
        var merged = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in commandLine)
        {
            merged[key] = value;
        }

        return merged;
    }
}
