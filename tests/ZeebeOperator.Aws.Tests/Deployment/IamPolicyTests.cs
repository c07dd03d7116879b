using System.Text.Json.Nodes;
using ZeebeOperator.Aws.DynamoDb;
using ZeebeOperator.Aws.Tests.Contract;
using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Aws.Tests.Deployment;

/// <summary><c>samples/deploy/operator-iam-policy.json</c>: everything the operator calls, scoped as tightly as AWS allows.</summary>
public sealed class IamPolicyTests
{
    /// <summary>Operations the adapters can call that the running operator (<c>zeebe-operator run</c>) never does.</summary>
    private static readonly Dictionary<string, string> NotGrantedToTheOperator = new(StringComparer.Ordinal)
    {
        ["dynamodb:CreateTable"] = "only `run --create-table`; the CloudFormation template creates the table",
        ["dynamodb:UpdateTimeToLive"] = "only `run --create-table`",
        ["s3:PutObject"] = "spec writes come from the CLI (`apply`) with the pipeline's own credentials",
    };

    /// <summary>
    /// Actions AWS also authorises as the caller when the operator makes a call, so the caller's role needs them too.
    /// Cloud Map's <c>RegisterInstance</c> and <c>DeregisterInstance</c> in a DNS namespace change the instance's
    /// Route 53 records with the caller's permissions (Cloud Map developer guide, "Cloud Map API permissions
    /// reference", required permissions of each action). That reference also lists the Route 53 health check actions
    /// (<c>route53:GetHealthCheck</c>, <c>CreateHealthCheck</c>, <c>UpdateHealthCheck</c>, <c>DeleteHealthCheck</c>) and,
    /// for registration, <c>ec2:DescribeInstances</c>: Cloud Map calls them only for a service with a Route 53 health
    /// check (<c>HealthCheckConfig</c>) and an instance registered by EC2 instance ID. The operator's services have no
    /// such health check and it registers addresses (<see cref="Route53_records_only_in_the_namespace_zone_and_only_the_record_type_the_gateway_name_uses"/>
    /// keeps that true), so they are not granted.
    /// </summary>
    private static readonly Dictionary<string, string[]> AuthorisedOnTheCallersBehalf = new(StringComparer.Ordinal)
    {
        ["servicediscovery:RegisterInstance"] = ["route53:ChangeResourceRecordSets"],
        ["servicediscovery:DeregisterInstance"] = ["route53:ChangeResourceRecordSets"],
    };

    /// <summary>Actions that support no resource-level permissions (or, for ListTasks, only a cluster condition).</summary>
    private static readonly Dictionary<string, string> ResourceStarAllowed = new(StringComparer.Ordinal)
    {
        ["ecs:DescribeTaskDefinition"] = "no resource-level permissions",
        ["ecs:ListTaskDefinitions"] = "no resource-level permissions",
        ["ecs:DeregisterTaskDefinition"] = "no resource-level permissions",
        ["ecs:ListTasks"] = "scoped with the ecs:cluster condition",
        ["ecs:ListServices"] = "scoped with the ecs:cluster condition (subscriber discovery)",
        ["ecs:RegisterTaskDefinition"] = "scoped with aws:RequestTag",
        ["servicediscovery:ListServices"] = "no resource-level permissions",
        ["ec2:DescribeInstances"] = "no resource-level permissions (bridge/host subscribers' instance addresses)",
    };

    /// <summary>Changes IAM cannot condition on the ownership tag; the operator reads a resource's tags itself before each one.</summary>
    private static readonly Dictionary<string, string> NoTagConditionSupported = new(StringComparer.Ordinal)
    {
        ["ecs:DeregisterTaskDefinition"] = "no resource types or tag condition keys; only revisions whose ownership tags the operator read are deregistered",
    };

    private static readonly string[] MutatingVerbs = ["Create", "Update", "Delete", "Register", "Deregister", "Tag", "Put"];

    private static IEnumerable<JsonObject> Statements => DeploySamples.Policy["Statement"]!.AsArray().Select(s => s!.AsObject());

    private static IEnumerable<(JsonObject Statement, string Action)> Grants =>
        Statements.SelectMany(s => DeploySamples.Strings(s["Action"]).Select(a => (s, a)));

    [Fact]
    public void The_adapters_call_exactly_the_operations_the_ports_describe()
    {
        Assert.Equal(AdapterOperations.IamActions.Order(StringComparer.Ordinal), AdapterOperations.Scanned.Order(StringComparer.Ordinal));
        Assert.Superset(new HashSet<string> { "s3:ListBucket", "s3:GetObject", "dynamodb:PutItem", "dynamodb:Query" }, AdapterOperations.IamActions.ToHashSet());
    }

    [Fact]
    public void Grants_every_action_the_operator_calls_and_no_other()
    {
        var called = AdapterOperations.IamActions.Except(NotGrantedToTheOperator.Keys).ToList();
        var onTheCallersBehalf = called.SelectMany(a => AuthorisedOnTheCallersBehalf.GetValueOrDefault(a, []));
        var expected = called.Concat(onTheCallersBehalf).Append("iam:PassRole").Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(expected, Grants.Select(g => g.Action).Distinct().Order(StringComparer.Ordinal));
        Assert.Subset(AdapterOperations.IamActions.ToHashSet(), AuthorisedOnTheCallersBehalf.Keys.ToHashSet());
        Assert.Subset(AdapterOperations.IamActions.ToHashSet(), NotGrantedToTheOperator.Keys.ToHashSet());
    }

    [Fact]
    public void Allows_only_and_names_every_action_and_resource_explicitly()
    {
        Assert.Equal("2012-10-17", (string?)DeploySamples.Policy["Version"]);
        Assert.All(Statements, s =>
        {
            Assert.Equal("Allow", (string?)s["Effect"]);
            Assert.False(s.ContainsKey("NotAction") || s.ContainsKey("NotResource"), $"{s["Sid"]} uses NotAction/NotResource");
            Assert.All(DeploySamples.Strings(s["Action"]), a => Assert.DoesNotContain("*", a, StringComparison.Ordinal));
        });
        Assert.Equal(Statements.Count(), Statements.Select(s => (string?)s["Sid"]).Distinct().Count());
    }

    [Fact]
    public void Resource_star_only_where_AWS_offers_nothing_narrower()
    {
        foreach (var (statement, action) in Grants.Where(g => DeploySamples.Strings(g.Statement["Resource"]).Contains("*")))
        {
            Assert.True(ResourceStarAllowed.ContainsKey(action), $"{statement["Sid"]}: {action} on \"*\"");
            Assert.Single(DeploySamples.Strings(statement["Resource"]));
        }

        var listTasks = Grants.Single(g => g.Action == "ecs:ListTasks").Statement;
        Assert.Equal(ClusterArn, (string?)listTasks["Condition"]!["ArnEquals"]!["ecs:cluster"]);
    }

    [Fact]
    public void Every_ECS_Cloud_Map_and_EFS_change_is_limited_to_resources_with_our_ownership_tag()
    {
        var mutating = Grants.Where(g => g.Action.Split(':')[0] is "ecs" or "servicediscovery" or "elasticfilesystem"
                                         && MutatingVerbs.Any(v => g.Action.Split(':')[1].StartsWith(v, StringComparison.Ordinal))).ToList();

        Assert.Equal(
            AdapterOperations.IamActions.Where(a => a.Split(':')[0] is "ecs" or "servicediscovery" or "elasticfilesystem"
                                                    && MutatingVerbs.Any(v => a.Split(':')[1].StartsWith(v, StringComparison.Ordinal))).Order(StringComparer.Ordinal),
            mutating.Select(m => m.Action).Distinct().Order(StringComparer.Ordinal));
        Assert.All(mutating.Where(g => !NoTagConditionSupported.ContainsKey(g.Action)), g =>
        {
            var condition = g.Statement["Condition"]?["StringEquals"]?.AsObject();
            var byTag = condition?.Where(c => c.Key is $"aws:ResourceTag/{TagKeys.ManagedBy}" or $"aws:RequestTag/{TagKeys.ManagedBy}").ToList() ?? [];
            Assert.True(byTag.Count == 1, $"{g.Statement["Sid"]}: {g.Action} is not conditioned on the {TagKeys.ManagedBy} tag");
            Assert.Equal(TagKeys.ManagedByValue, (string?)byTag[0].Value);
        });

        // Creates can only carry the tag (the resource does not exist yet); updates and deletes need it on the resource.
        Assert.All(mutating.Where(g => g.Action.Contains(":Create", StringComparison.Ordinal) || g.Action.EndsWith(":RegisterTaskDefinition", StringComparison.Ordinal)), g =>
            Assert.True(g.Statement["Condition"]!["StringEquals"]!.AsObject().ContainsKey($"aws:RequestTag/{TagKeys.ManagedBy}")));
        Assert.All(mutating.Where(g => g.Action.Contains(":Update", StringComparison.Ordinal) || g.Action.Contains(":Delete", StringComparison.Ordinal)), g =>
            Assert.True(g.Statement["Condition"]!["StringEquals"]!.AsObject().ContainsKey($"aws:ResourceTag/{TagKeys.ManagedBy}")));
    }

    [Fact]
    public void ECS_access_stays_in_the_cluster_the_production_sample_runs_in()
    {
        var ecsResources = Grants.Where(g => g.Action.StartsWith("ecs:", StringComparison.Ordinal))
            .SelectMany(g => DeploySamples.Strings(g.Statement["Resource"]))
            .Where(r => r != "*" && !r.Contains(":task-definition/", StringComparison.Ordinal))
            .Distinct();

        Assert.All(ecsResources, r => Assert.Matches($@"^arn:aws:ecs:{DeploySamples.Region}:{DeploySamples.AccountId}:(service|task|container-instance)/{DeploySamples.Cluster}/\*$", r));
        Assert.Equal((string?)DeploySamples.Repository("samples/orders.json")["spec"]!["placement"]!["ecsCluster"], ClusterArn);
    }

    [Fact]
    public void Spec_bucket_and_table_are_the_ones_the_task_definition_configures()
    {
        var environment = DeploySamples.Environment;
        var bucket = environment["Aws__SpecBucket"];
        var prefix = environment["Aws__SpecPrefix"];
        var table = environment["Aws__TableName"];

        Assert.Equal([$"arn:aws:s3:::{bucket}"], ResourcesOf("s3:ListBucket"));
        Assert.Equal([prefix, prefix + "*"], DeploySamples.Strings(Grants.Single(g => g.Action == "s3:ListBucket").Statement["Condition"]!["StringLike"]!["s3:prefix"]));
        Assert.Equal([$"arn:aws:s3:::{bucket}/{prefix}*"], ResourcesOf("s3:GetObject"));
        var tableArn = $"arn:aws:dynamodb:{DeploySamples.Region}:{DeploySamples.AccountId}:table/{table}";
        Assert.All(AdapterOperations.OfService("dynamodb").Except(NotGrantedToTheOperator.Keys.Select(k => k.Split(':')[1])), operation =>
            Assert.Equal([tableArn, $"{tableArn}/index/{OperatorTable.StatusIndexName}"], ResourcesOf("dynamodb:" + operation)));
    }

    [Fact]
    public void Route53_records_only_in_the_namespace_zone_and_only_the_record_type_the_gateway_name_uses()
    {
        var records = Assert.Single(Grants, g => g.Action.StartsWith("route53:", StringComparison.Ordinal)).Statement;
        var cloudMapSource = AdapterOperations.ServiceDiscoverySource;

        Assert.Matches(@"^arn:aws:route53:::hostedzone/Z[A-Z0-9]+$", Assert.Single(DeploySamples.Strings(records["Resource"])));
        Assert.Equal(
            AdapterOperations.DnsRecordTypes().Order(StringComparer.Ordinal),
            DeploySamples.Strings(records["Condition"]!["ForAllValues:StringEquals"]!["route53:ChangeResourceRecordSetsRecordTypes"]).Order(StringComparer.Ordinal));

        // What makes the health check actions and ec2:DescribeInstances unnecessary (AuthorisedOnTheCallersBehalf).
        Assert.DoesNotContain("HealthCheckConfig", cloudMapSource, StringComparison.Ordinal);
        Assert.DoesNotContain("AWS_EC2_INSTANCE_ID", cloudMapSource, StringComparison.Ordinal);
    }

    [Fact]
    public void Passes_only_the_broker_roles_and_only_to_ECS_tasks()
    {
        var passRole = Grants.Single(g => g.Action == "iam:PassRole").Statement;
        var placement = DeploySamples.Repository("samples/orders.json")["spec"]!["placement"]!;

        Assert.Equal(
            new[] { (string)placement["executionRoleArn"]!, (string)placement["taskRoleArn"]! }.Order(StringComparer.Ordinal),
            DeploySamples.Strings(passRole["Resource"]).Order(StringComparer.Ordinal));
        Assert.Equal("ecs-tasks.amazonaws.com", (string?)passRole["Condition"]!["StringEquals"]!["iam:PassedToService"]);
    }

    private static string ClusterArn => $"arn:aws:ecs:{DeploySamples.Region}:{DeploySamples.AccountId}:cluster/{DeploySamples.Cluster}";

    private static List<string> ResourcesOf(string action) =>
        [.. Grants.Where(g => g.Action == action).SelectMany(g => DeploySamples.Strings(g.Statement["Resource"]))];
}
