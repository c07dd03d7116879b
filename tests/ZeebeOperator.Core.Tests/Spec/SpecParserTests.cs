using System.Text;
using ZeebeOperator.Core.Spec;

namespace ZeebeOperator.Core.Tests.Spec;

public sealed class SpecParserTests
{
    [Fact]
    public void Valid_spec_binds_every_field()
    {
        var document = SpecAssert.Valid(SpecParser.Parse(SpecJson.Valid));

        Assert.Equal(ZeebeClusterDocument.CurrentApiVersion, document.ApiVersion);
        Assert.Equal("orders", document.Name);
        Assert.Equal("payments", document.Metadata.Labels["team"]);
        var spec = document.Spec;
        Assert.Equal(("camunda/camunda:8.8.3", 3, 3, 3), (spec.Image, spec.ClusterSize, spec.PartitionCount, spec.ReplicationFactor));
        Assert.Equal(new ResourceRequirements(2048, 4096), spec.Resources);
        Assert.Equal(["subnet-0a1b2c3d4e5f60718"], spec.Placement.Subnets);
        Assert.Equal("arn:aws:iam::123456789012:role/zeebe-task", spec.Placement.TaskRoleArn);
        Assert.Null(spec.Placement.CapacityProvider);
        Assert.Equal(new ServiceDiscoverySpec("ns-abcdef0123456789", "zeebe.internal", 10), spec.ServiceDiscovery);
        Assert.Equal("/zeebe/orders", spec.Storage.RootDirectory);
        Assert.Equal("-XX:MaxRAMPercentage=50", spec.Env["JAVA_TOOL_OPTIONS"]);
        Assert.Equal(new MaintenanceWindowSpec("0 0 2 ? * SUN", TimeSpan.FromHours(2)), spec.UpdateStrategy.MaintenanceWindow);
    }

    [Fact]
    public void Left_out_fields_get_their_documented_defaults()
    {
        var json = SpecJson.Create()
            .Remove("metadata.generation").Remove("metadata.labels")
            .Remove("spec.placement.launchType").Remove("spec.placement.capacityProvider").Remove("spec.placement.assignPublicIp")
            .Remove("spec.placement.taskRoleArn").Remove("spec.placement.logRegion")
            .Remove("spec.serviceDiscovery.dnsTtlSeconds")
            .Remove("spec.storage.posixUser").Remove("spec.storage.permissions").Remove("spec.storage.retention")
            .Remove("spec.env").Remove("spec.updateStrategy").Remove("spec.environmentNaming");

        var document = SpecAssert.Valid(json.Parse());

        Assert.Equal(1, document.Metadata.Generation);
        Assert.Empty(document.Metadata.Labels);
        Assert.False(document.Metadata.DeletionRequested);
        var spec = document.Spec;
        Assert.Equal(LaunchType.Fargate, spec.Placement.LaunchType);
        Assert.False(spec.Placement.AssignPublicIp);
        Assert.Null(spec.Placement.TaskRoleArn);
        Assert.Null(spec.Placement.LogRegion);
        Assert.Equal(10, spec.ServiceDiscovery.DnsTtlSeconds);
        Assert.Equal(new PosixIdentity(1001, 0), spec.Storage.PosixUser);
        Assert.Equal("0750", spec.Storage.Permissions);
        Assert.Equal(DataRetention.Retain, spec.Storage.Retention);
        Assert.Empty(spec.Env);
        Assert.Equal(UpdateStrategySpec.Default, spec.UpdateStrategy);
        Assert.Equal(EnvironmentNaming.Auto, spec.EnvironmentNaming);
    }

    [Fact]
    public void Enum_values_are_read_from_their_json_spelling()
    {
        var document = SpecAssert.Valid(SpecJson.Create()
            .Set("spec.placement.launchType", "EC2")
            .Set("spec.storage.retention", "Delete")
            .Set("spec.environmentNaming", "Legacy")
            .Set("metadata.deletionRequested", true)
            .Parse());

        Assert.Equal(LaunchType.Ec2, document.Spec.Placement.LaunchType);
        Assert.Equal(DataRetention.Delete, document.Spec.Storage.Retention);
        Assert.Equal(EnvironmentNaming.Legacy, document.Spec.EnvironmentNaming);
        Assert.True(document.Metadata.DeletionRequested);
    }

    [Fact]
    public void Broken_json_is_one_error_at_the_root_with_line_and_position()
    {
        var result = SpecParser.Parse("{\n  \"apiVersion\": \"zeebe.camunda.io/v1alpha1\",\n  \"kind\": ZeebeCluster\n}");

        var error = SpecAssert.SingleError(result, "$", "is not valid JSON at line 3, position 11");
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"apiVersion\": \"x\",}")]
    [InlineData("{\"a\": 1} // comment")]
    [InlineData("{\"a\": NaN}")]
    [InlineData("{'a': 1}")]
    [InlineData("{} {}")]
    public void Text_that_is_not_strict_json_is_rejected_at_the_root(string json) =>
        SpecAssert.SingleError(SpecParser.Parse(json), "$", "is not valid JSON");

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("null", "null")]
    [InlineData("\"orders\"", "a string")]
    [InlineData("42", "a number")]
    public void Document_must_be_an_object(string json, string actual) =>
        SpecAssert.SingleError(SpecParser.Parse(json), "$", $"must be an object, not {actual}");

    [Theory]
    [InlineData("spec.clusterSize", "\"3\"", "must be an integer, not a string")]
    [InlineData("spec.clusterSize", "3.5", "must be a whole number")]
    [InlineData("spec.clusterSize", "true", "must be an integer, not a boolean")]
    [InlineData("spec.image", "42", "must be a string, not a number")]
    [InlineData("spec.image", "null", "must be a string, not null")]
    [InlineData("spec.placement.assignPublicIp", "\"false\"", "must be true or false, not a string")]
    [InlineData("spec.placement.subnets", "\"subnet-0a1b2c3d4e5f60718\"", "must be an array of strings, not a string")]
    [InlineData("spec.resources", "[2048, 4096]", "must be an object, not an array")]
    [InlineData("spec.env", "[]", "must be an object, not an array")]
    [InlineData("metadata.labels", "null", "must be an object, not null")]
    [InlineData("metadata.generation", "\"1\"", "must be an integer, not a string")]
    [InlineData("spec.placement.launchType", "\"Fargate\"", "must be one of \"FARGATE\", \"EC2\", not \"Fargate\"")]
    [InlineData("spec.storage.retention", "\"delete\"", "must be one of \"Retain\", \"Delete\", not \"delete\"")]
    [InlineData("spec.updateStrategy.type", "\"Recreate\"", "must be one of \"RollingUpdate\"")]
    [InlineData("spec.environmentNaming", "\"unified\"", "must be one of \"Auto\", \"Unified\", \"Legacy\"")]
    [InlineData("spec.updateStrategy.maintenanceWindow.duration", "\"2h\"", "must be an ISO-8601 duration")]
    [InlineData("spec.updateStrategy.maintenanceWindow.duration", "\"P1Y\"", "must be an ISO-8601 duration in days, hours, minutes and seconds")]
    public void Wrong_type_is_reported_at_its_path(string path, string json, string message) =>
        SpecAssert.SingleError(SpecJson.Create().SetRaw(path, json).Parse(), path, message);

    [Fact]
    public void Whole_numbers_may_be_written_with_a_fraction_or_exponent()
    {
        var document = SpecAssert.Valid(SpecParser.Parse(SpecJson.Valid
            .Replace("\"clusterSize\": 3", "\"clusterSize\": 3.0", StringComparison.Ordinal)
            .Replace("\"partitionCount\": 3", "\"partitionCount\": 3e0", StringComparison.Ordinal)));

        Assert.Equal((3, 3), (document.Spec.ClusterSize, document.Spec.PartitionCount));
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("99999999999999999999")]
    [InlineData("2147483648")]
    [InlineData("1e-400")]
    public void Huge_or_tiny_numbers_are_a_clean_error(string number)
    {
        var result = SpecParser.Parse(SpecJson.Valid.Replace("\"clusterSize\": 3", $"\"clusterSize\": {number}", StringComparison.Ordinal));

        Assert.Equal("spec.clusterSize", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Generation_beyond_64_bits_is_a_clean_error() =>
        SpecAssert.SingleError(
            SpecParser.Parse(SpecJson.Valid.Replace("\"generation\": 1", "\"generation\": 99999999999999999999", StringComparison.Ordinal)),
            "metadata.generation",
            "must be an integer between");

    [Fact]
    public void Required_fields_that_are_missing_are_each_named()
    {
        var result = SpecJson.Create().Remove("spec.image").Remove("spec.placement.logGroup").Remove("spec.storage").Parse();

        Assert.Equal(
            ["spec.image", "spec.placement.logGroup", "spec.storage"],
            result.Errors.Where(e => e.Message == "is required").Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Equal(3, result.Errors.Count);
    }

    [Fact]
    public void Unknown_fields_are_reported_with_a_suggestion_for_typos()
    {
        var result = SpecParser.Parse(SpecJson.Valid.Replace("\"replicationFactor\"", "\"replicationfactor\"", StringComparison.Ordinal));

        Assert.Contains(new SpecError("spec.replicationfactor", "unknown field (did you mean \"replicationFactor\"?)"), result.Errors);
        Assert.Contains(new SpecError("spec.replicationFactor", "is required"), result.Errors);
        Assert.Equal(2, result.Errors.Count);
    }

    [Fact]
    public void Unknown_fields_are_caught_at_every_level()
    {
        var result = SpecJson.Create()
            .Set("status", "Ready")
            .Set("metadata.namespace", "default")
            .Set("spec.storage.posixUser.group", 0)
            .Set("spec.updateStrategy.maintenanceWindow.timezone", "UTC")
            .Parse();

        Assert.Equal(
            ["metadata.namespace", "spec.storage.posixUser.group", "spec.updateStrategy.maintenanceWindow.timezone", "status"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.All(result.Errors, e => Assert.StartsWith("unknown field", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_schema_link_for_editors_is_allowed()
    {
        var json = SpecJson.Create().Set("$schema", "../crds/zeebecluster.schema.json").ToJson();

        SpecAssert.Valid(SpecParser.Parse(json));
    }

    [Fact]
    public void Repeated_field_names_are_reported_at_every_level()
    {
        var json = SpecJson.Valid
            .Replace("\"name\": \"orders\",", "\"name\": \"orders\", \"name\": \"payments\",", StringComparison.Ordinal)
            .Replace("\"cpu\": 2048,", "\"cpu\": 2048, \"cpu\": 4096,", StringComparison.Ordinal)
            .Replace("\"kind\": \"ZeebeCluster\",", "\"kind\": \"ZeebeCluster\", \"kind\": \"ZeebeCluster\",", StringComparison.Ordinal);

        var result = SpecParser.Parse(json);

        Assert.Equal(["kind", "metadata.name", "spec.resources.cpu"], result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.All(result.Errors, e => Assert.StartsWith("duplicate field", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Repeated_env_names_are_reported()
    {
        var json = SpecJson.Valid.Replace(
            "\"JAVA_TOOL_OPTIONS\": \"-XX:MaxRAMPercentage=50\"",
            "\"FOO\": \"1\", \"FOO\": \"2\"",
            StringComparison.Ordinal);

        SpecAssert.SingleError(SpecParser.Parse(json), "spec.env.FOO", "duplicate field");
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_rejected_without_recursion_trouble()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);

        SpecAssert.SingleError(SpecParser.Parse(deep), "$", "maximum configured depth of 64");
    }

    [Fact]
    public void Nested_values_where_a_string_belongs_are_a_type_error()
    {
        var result = SpecJson.Create().SetRaw("metadata.labels.team", "[[[[[[[[[[{\"a\":1}]]]]]]]]]]").Parse();

        SpecAssert.SingleError(result, "metadata.labels.team", "must be a string, not an array");
    }

    [Fact]
    public void Huge_strings_get_a_clean_length_error()
    {
        var result = SpecJson.Create().Set("spec.placement.logGroup", new string('a', 100_000)).Parse();

        SpecAssert.SingleError(result, "spec.placement.logGroup", $"must be at most {SpecLimits.MaxStringLength} characters long (got 100000)");
    }

    [Fact]
    public void Documents_beyond_the_size_limit_are_rejected_before_parsing()
    {
        var json = SpecJson.Create().Set("spec.env.BIG", new string('x', SpecLimits.MaxDocumentLength)).ToJson();

        SpecAssert.SingleError(SpecParser.Parse(json), "$", $"must be at most {SpecLimits.MaxDocumentLength} characters long");
    }

    [Theory]
    [InlineData("spec.image", "camunda/camunda:8.8.3\u0000")]
    [InlineData("spec.env.JAVA_TOOL_OPTIONS", "-Xmx1g\n-Xms1g")]
    [InlineData("metadata.labels.team", "pay\u0085ments")]
    [InlineData("spec.storage.rootDirectory", "/zeebe/\torders")]
    public void Control_characters_are_rejected_in_any_string(string path, string value) =>
        SpecAssert.SingleError(SpecJson.Create().Set(path, value).Parse(), path, "must not contain control characters");

    [Fact]
    public void Unicode_is_kept_intact_where_it_is_allowed()
    {
        var document = SpecAssert.Valid(SpecJson.Create()
            .Set("metadata.labels.Standort", "Zürich Ost")
            .Set("metadata.labels.日本", "東京")
            .Set("spec.env.GREETING", "Grüße 👋 \u00e9\u0301")
            .Parse());

        Assert.Equal("Zürich Ost", document.Metadata.Labels["Standort"]);
        Assert.Equal("東京", document.Metadata.Labels["日本"]);
        Assert.Equal("Grüße 👋 \u00e9\u0301", document.Spec.Env["GREETING"]);
    }

    [Fact]
    public void Unicode_escapes_are_decoded_before_validation()
    {
        var json = SpecJson.Valid.Replace("\"orders\"", "\"\\u006frders\"", StringComparison.Ordinal);

        Assert.Equal("orders", SpecAssert.Valid(SpecParser.Parse(json)).Name);
    }

    [Theory]
    [InlineData("metadata.name", "ördes")]
    [InlineData("metadata.name", "orders\u200b")]
    [InlineData("metadata.name", "оrders")]
    public void Look_alike_unicode_is_not_a_dns_label(string path, string value) =>
        SpecAssert.SingleError(SpecJson.Create().Set(path, value).Parse(), path, "must be a DNS label");

    [Fact]
    public void Escaped_unpaired_surrogates_are_reported_at_their_path()
    {
        var json = SpecJson.Valid.Replace("\"payments\"", "\"pay\\ud800ments\"", StringComparison.Ordinal);

        SpecAssert.SingleError(SpecParser.Parse(json), "metadata.labels.team", "is not valid Unicode");
    }

    [Fact]
    public void Parse_of_a_null_reference_reports_instead_of_throwing() =>
        SpecAssert.SingleError(SpecParser.Parse(null!), "$", "must be a JSON document");

    [Fact]
    public void A_byte_order_mark_before_the_document_is_ignored() =>
        SpecAssert.Valid(SpecParser.Parse("\uFEFF" + SpecJson.Valid));

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = SpecJson.Create()
            .Set("metadata.name", "Orders")
            .Set("spec.replicationFactor", 4)
            .Set("spec.resources.memory", 1024)
            .SetRaw("spec.placement.subnets", "[\"subnet-0a1b2c3d4e5f60718\", \"subnet-nope\"]")
            .Set("spec.env.CAMUNDA_CLUSTER_NODEID", "7")
            .Parse();

        Assert.Equal(
            [
                "metadata.name",
                "spec.env.CAMUNDA_CLUSTER_NODEID",
                "spec.placement.subnets[1]",
                "spec.replicationFactor",
                "spec.resources.memory",
            ],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Contains(new SpecError("spec.replicationFactor", "must be <= spec.clusterSize (3)"), result.Errors);
    }

    [Fact]
    public void Binding_errors_and_rule_errors_are_reported_together()
    {
        var result = SpecJson.Create()
            .Set("spec.partitionCount", "many")
            .Set("spec.serviceDiscovery.namespaceId", "ns 1")
            .Set("spec.storage.permissions", "rwx")
            .Parse();

        Assert.Equal(
            ["spec.partitionCount", "spec.serviceDiscovery.namespaceId", "spec.storage.permissions"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_field_that_fails_to_bind_does_not_produce_misleading_follow_up_errors()
    {
        var result = SpecJson.Create().Set("spec.clusterSize", "five").Set("spec.replicationFactor", 5).Parse();

        SpecAssert.SingleError(result, "spec.clusterSize", "must be an integer, not a string");
    }

    [Fact]
    public void A_missing_section_is_one_error_not_one_per_field_inside_it()
    {
        var result = SpecJson.Create().Remove("spec.placement").Parse();

        SpecAssert.SingleError(result, "spec.placement", "is required");
    }

    public static TheoryData<string> HostileInputs =>
    [
        "", " ", "\0", "\uFEFF", "{", "}", "[", "]", "\"", "{\"", "{\"a\"", "{\"a\":", "{\"a\":}", "nul", "tru", "-", "1e", "0x10",
        "{\"spec\": null}", "{\"spec\": []}", "{\"metadata\": {\"labels\": {\"\": \"\"}}}",
        "{\"\\ud800\": 1}", "{\"a\": \"\\udfff\"}", "{\"spec\": {\"env\": {\"\\ud800\\ud800\": \"x\"}}}", "\ud800",
        "{\"metadata\": {\"name\": \"" + new string('a', 5000) + "\"}}",
        "{\"spec\": {\"updateStrategy\": {\"maintenanceWindow\": {\"schedule\": \"\", \"duration\": \"P99999999999999999999D\"}}}}",
        "{\"spec\": {\"updateStrategy\": {\"maintenanceWindow\": {\"duration\": \"PT0.0000000000000000000000001S\"}}}}",
        "{\"spec\": {\"placement\": {\"subnets\": [null, 1, [], {}, \"subnet-0a1b2c3d\", \"subnet-0a1b2c3d\"]}}}",
        "{\"spec\": {\"storage\": {\"rootDirectory\": \"/" + string.Concat(Enumerable.Repeat("a/", 1000)) + "\"}}}",
        "{\"spec\": {\"image\": \"" + string.Concat(Enumerable.Repeat("a.", 120)) + "/x\"}}",
        "{\"spec\": {\"clusterSize\": -2147483648, \"replicationFactor\": 2147483647, \"partitionCount\": -0}}",
        "{\"metadata\": {\"generation\": -9223372036854775808}}",
        "{\"spec\": {\"resources\": {\"cpu\": 16384, \"memory\": 2147483647}, \"placement\": {\"capacityProvider\": \"FARGATE\"}}}",
        new string('{', 64) + new string('}', 64),
        string.Concat(Enumerable.Repeat("{\"a\":", 63)) + "1" + new string('}', 63),
        "{" + string.Join(',', Enumerable.Range(0, 5000).Select(i => $"\"k{i}\":{i}")) + "}",
        SpecJson.Valid.Replace("\"", "'", StringComparison.Ordinal),
        SpecJson.Valid[..(SpecJson.Valid.Length / 2)],
    ];

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void Hostile_input_never_throws_and_always_explains_itself(string input)
    {
        var result = SpecParser.Parse(input);

        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, error =>
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Path));
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            Assert.DoesNotContain(SpecParser.UnexpectedFailure, error.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_single_character_truncation_of_a_valid_spec_is_handled()
    {
        var valid = SpecJson.Create().ToJson();
        var outcomes = Enumerable.Range(0, valid.Length).Select(length => SpecParser.Parse(valid[..length])).ToList();

        Assert.All(outcomes, result => Assert.NotEmpty(result.Errors));
        Assert.All(outcomes.SelectMany(r => r.Errors), e => Assert.DoesNotContain(SpecParser.UnexpectedFailure, e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Random_byte_noise_never_throws()
    {
        var random = new Random(20240607);
        var valid = Encoding.UTF8.GetBytes(SpecJson.Create().ToJson());
        for (var round = 0; round < 300; round++)
        {
            var bytes = (byte[])valid.Clone();
            for (var flips = 0; flips < 3; flips++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var result = SpecParser.Parse(Encoding.UTF8.GetString(bytes));

            Assert.All(result.Errors, e => Assert.DoesNotContain(SpecParser.UnexpectedFailure, e.Message, StringComparison.Ordinal));
        }
    }
}
