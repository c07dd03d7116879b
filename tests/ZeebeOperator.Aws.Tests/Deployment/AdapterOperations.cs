using System.Text.RegularExpressions;
using ZeebeOperator.Aws.Tests.Infrastructure;
using ZeebeOperator.Core.Ports;

namespace ZeebeOperator.Aws.Tests.Deployment;

/// <summary>
/// The IAM actions the operator needs: those its ports describe (<see cref="PortOperation.IamAction"/>), and the few
/// calls outside the ports (the start-up check and table provisioning). <see cref="Scanned"/> reads the same from
/// <c>src/ZeebeOperator.Aws</c>'s source (the operation names the hand-written clients send, the SDK methods called on
/// the S3, DynamoDB, SQS and EC2 clients), so the descriptions are checked against what the adapters really call.
/// </summary>
internal static partial class AdapterOperations
{
    /// <summary>Calls the AWS adapters make that are not port methods, and who makes them.</summary>
    public static readonly IReadOnlyDictionary<string, string> OutsideThePorts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["s3:ListBucket"] = "StartupCheck lists the spec prefix",
        ["dynamodb:DescribeTable"] = "StartupCheck and TableProvisioner",
        ["dynamodb:CreateTable"] = "TableProvisioner (run --create-table)",
        ["dynamodb:UpdateTimeToLive"] = "TableProvisioner (run --create-table)",
        ["sqs:GetQueueAttributes"] = "StartupCheck tries the events and notifications queues",
        ["dynamodb:ConditionCheckItem"] = "DynamoDbClusterStatusStore: the lease check of a fenced status write (TransactWriteItems)",
    };

    private static readonly string Source = Path.Combine(NpmTools.RepoRoot, "src", "ZeebeOperator.Aws");

    public static IReadOnlySet<string> IamActions { get; } =
        PortCatalog.Operations.Select(o => o.IamAction).OfType<string>().Concat(OutsideThePorts.Keys).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> Scanned { get; } = Scan();

    /// <summary>The source of the Cloud Map adapter.</summary>
    public static string ServiceDiscoverySource =>
        string.Concat(Directory.EnumerateFiles(Path.Combine(Source, "ServiceDiscovery"), "*.cs").Order(StringComparer.Ordinal).Select(File.ReadAllText));

    /// <summary>The DNS record types of the Cloud Map services the adapter creates.</summary>
    public static IReadOnlySet<string> DnsRecordTypes() =>
        DnsRecord().Matches(ServiceDiscoverySource).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> OfService(string prefix) =>
        IamActions.Where(a => a.StartsWith(prefix + ":", StringComparison.Ordinal)).Select(a => a[(prefix.Length + 1)..]).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> Scan()
    {
        var actions = new HashSet<string>(StringComparer.Ordinal);
        Add("Ecs", JsonRpcOperation(), "ecs");
        Add("ServiceDiscovery", JsonRpcOperation(), "servicediscovery");
        Add("Efs", RestOperation(), "elasticfilesystem");
        foreach (var file in Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in S3Call().Matches(text))
            {
                // ListObjectsV2 is authorised as s3:ListBucket; the object operations share their names.
                actions.Add(m.Groups[1].Value == "ListObjectsV2" ? "s3:ListBucket" : "s3:" + m.Groups[1].Value);
            }

            foreach (Match m in SqsCall().Matches(text))
            {
                actions.Add("sqs:" + m.Groups[1].Value);
            }

            foreach (Match m in Ec2Call().Matches(text))
            {
                actions.Add("ec2:" + m.Groups[1].Value);
            }

            foreach (Match m in DynamoDbCall().Matches(text))
            {
                // IAM has no TransactWriteItems action: each item is authorised as its own action, and the fenced
                // status write is a ConditionCheck (dynamodb:ConditionCheckItem) and a Put (dynamodb:PutItem).
                if (m.Groups[1].Value == "TransactWriteItems")
                {
                    actions.UnionWith(["dynamodb:ConditionCheckItem", "dynamodb:PutItem"]);
                }
                else
                {
                    actions.Add("dynamodb:" + m.Groups[1].Value);
                }
            }
        }

        return actions;

        void Add(string folder, Regex operation, string prefix)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Source, folder), "*.cs"))
            {
                foreach (Match m in operation.Matches(File.ReadAllText(file)))
                {
                    actions.Add($"{prefix}:{m.Groups[1].Value}");
                }
            }
        }
    }

    [GeneratedRegex(@"CallAsync\(\s*""(\w+)""")]
    private static partial Regex JsonRpcOperation();

    [GeneratedRegex(@"new AwsJsonRequest\(\s*""(\w+)""")]
    private static partial Regex RestOperation();

    [GeneratedRegex(@"new CloudMapDnsRecord\(\s*""(\w+)""")]
    private static partial Regex DnsRecord();

    [GeneratedRegex(@"\bs3\.(\w+)Async\(")]
    private static partial Regex S3Call();

    [GeneratedRegex(@"\bsqs\.(\w+)Async\(")]
    private static partial Regex SqsCall();

    [GeneratedRegex(@"\bec2\.(\w+)Async\(")]
    private static partial Regex Ec2Call();

    [GeneratedRegex(@"\bdynamoDb\.(\w+)Async\(")]
    private static partial Regex DynamoDbCall();
}
