using System.Text.Json.Nodes;
using ZeebeOperator.Aws.Tests.Infrastructure;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Aws.Tests.Deployment;

/// <summary>
/// <c>samples/deploy/broker-execution-role-policy.json</c>: ECS fetches <c>spec.secrets</c> with the brokers' task
/// execution role; the operator only writes the references and needs no access to the values.
/// </summary>
public sealed class BrokerExecutionRoleTests
{
    private static readonly string[] SecretActions = ["secretsmanager:", "ssm:", "kms:"];

    private static JsonObject BrokerPolicy => DeploySamples.Load("broker-execution-role-policy.json");

    private static ZeebeClusterDocument Orders =>
        SpecParser.Parse(File.ReadAllText(Path.Combine(NpmTools.RepoRoot, "samples", "orders.json"))).Document!;

    [Fact]
    public void The_execution_role_of_the_production_sample_may_read_each_of_its_secrets()
    {
        var statements = BrokerPolicy["Statement"]!.AsArray().Select(s => s!.AsObject()).ToList();
        var secretReads = Resources(statements, "secretsmanager:GetSecretValue");

        Assert.NotEmpty(Orders.Spec.Secrets);
        foreach (var reference in Orders.Spec.Secrets.Values)
        {
            // IAM names the secret by its ARN without ECS's :json-key:version-stage:version-id suffix.
            var secretArn = string.Join(':', reference.Split(':').Take(7));
            Assert.Contains(secretArn, secretReads);
        }

        Assert.NotEmpty(Resources(statements, "ssm:GetParameters"));
        Assert.NotEmpty(Resources(statements, "kms:Decrypt"));
        Assert.Equal("arn:aws:iam::123456789012:role/zeebe-orders-execution", Orders.Spec.Placement.ExecutionRoleArn);
    }

    [Fact]
    public void The_operator_role_has_no_access_to_secret_values()
    {
        var actions = DeploySamples.Policy["Statement"]!.AsArray().SelectMany(s => DeploySamples.Strings(s!["Action"]));

        Assert.DoesNotContain(actions, a => SecretActions.Any(prefix => a.StartsWith(prefix, StringComparison.Ordinal)));
    }

    private static List<string> Resources(IEnumerable<JsonObject> statements, string action) =>
        [.. statements.Where(s => DeploySamples.Strings(s["Action"]).Contains(action)).SelectMany(s => DeploySamples.Strings(s["Resource"]))];
}
