using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ZeebeOperator.Core.Spec;
using ZeebeOperator.Core.Spec.Binding;

namespace ZeebeOperator.Core.Tests.Spec;

/// <summary>
/// The edges of reading a spec's JSON: the largest and smallest numbers each field type holds, numbers JSON spells
/// in odd ways, names and values .NET cannot read, and the "did you mean" suggestion for a mistyped field.
/// </summary>
public sealed class SpecBindingEdgeTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("", "uid", 3)]
    [InlineData("uid", "", 3)]
    [InlineData("uid", "uid", 0)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("flaw", "lawn", 2)]
    [InlineData("ab", "ba", 2)]
    [InlineData("clusterSize", "clusterSizX", 1)]
    [InlineData("clusterSize", "XlusterSize", 1)]
    [InlineData("abc", "abcd", 1)]
    [InlineData("abcd", "abc", 1)]
    public void Edit_distance_counts_the_fewest_insertions_deletions_and_substitutions(string left, string right, int expected) =>
        Assert.Equal(expected, EditDistance.Between(left, right));

    [Fact]
    public void A_field_two_edits_away_is_suggested() =>
        Assert.Contains(
            new SpecError("spec.clustrSiz", "unknown field (did you mean \"clusterSize\"?)"),
            SpecParser.Parse(SpecJson.Valid.Replace("\"clusterSize\"", "\"clustrSiz\"", StringComparison.Ordinal)).Errors);

    [Fact]
    public void A_field_three_edits_away_is_not_suggested() =>
        Assert.Contains(
            new SpecError("spec.clustrSz", "unknown field"),
            SpecParser.Parse(SpecJson.Valid.Replace("\"clusterSize\"", "\"clustrSz\"", StringComparison.Ordinal)).Errors);

    [Fact]
    public void The_closest_missing_field_is_suggested()
    {
        var result = SpecJson.Create().SetRaw("spec.storage.posixUser", """{"ud": 1001}""").Parse();

        Assert.Contains(new SpecError("spec.storage.posixUser.ud", "unknown field (did you mean \"uid\"?)"), result.Errors);
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("-2147483648")]
    public void The_extremes_of_a_32_bit_field_reach_the_validator(string number)
    {
        var result = SpecJson.Create().SetRaw("spec.clusterSize", number).Parse();

        Assert.Contains(result.Errors, e => e.Path == "spec.clusterSize" && e.Message.StartsWith("must be between 1 and", StringComparison.Ordinal));
    }

    [Fact]
    public void The_largest_64_bit_generation_is_accepted() =>
        Assert.Equal(long.MaxValue, SpecAssert.Valid(SpecJson.Create().SetRaw("metadata.generation", "9223372036854775807").Parse()).Metadata.Generation);

    [Fact]
    public void The_smallest_64_bit_generation_reaches_the_validator() =>
        SpecAssert.SingleError(SpecJson.Create().SetRaw("metadata.generation", "-9223372036854775808").Parse(), "metadata.generation", "must be >= 1");

    [Theory]
    [InlineData("15e-1")]
    [InlineData("2.0000000000000000000001")]
    public void A_fraction_in_any_spelling_is_not_a_whole_number(string number) =>
        SpecAssert.SingleError(SpecJson.Create().SetRaw("spec.clusterSize", number).Parse(), "spec.clusterSize", "must be a whole number");

    [Theory]
    [InlineData("1e400")]
    [InlineData("1.5e30")]
    public void A_whole_number_beyond_every_range_is_named_as_out_of_range(string number) =>
        SpecAssert.SingleError(SpecJson.Create().SetRaw("spec.clusterSize", number).Parse(), "spec.clusterSize", "must be an integer between");

    [Fact]
    public void An_enum_of_the_wrong_type_gets_one_error() =>
        SpecAssert.SingleError(SpecJson.Create().SetRaw("spec.placement.launchType", "42").Parse(), "spec.placement.launchType", "must be a string, not a number");

    [Fact]
    public void A_list_of_objects_of_the_wrong_type_is_named()
    {
        var result = SpecJson.Create().SetRaw("spec.clientAccess", """{"targetGroups": "tg", "serviceName": "orders-clients"}""").Parse();

        Assert.Contains(new SpecError("spec.clientAccess.targetGroups", "must be an array of objects, not a string"), result.Errors);
    }

    [Theory]
    [InlineData("JAVA\u0001OPTS")]
    [InlineData(null)]
    public void A_map_key_that_is_too_long_or_holds_control_characters_is_refused(string? key)
    {
        var env = new JsonObject { [key ?? new string('A', SpecLimits.MaxStringLength + 1)] = "x", ["JAVA_TOOL_OPTIONS"] = "-Xmx1g" };

        var result = SpecJson.Create().Set("spec.env", env).Parse();

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("spec.env[", error.Path, StringComparison.Ordinal);
        Assert.Equal($"the name must be at most {SpecLimits.MaxStringLength} characters long and contain no control characters", error.Message);
    }

    [Fact]
    public void A_map_key_of_the_longest_length_is_read()
    {
        var env = new JsonObject { [new string('A', SpecLimits.MaxStringLength)] = "x" };

        var result = SpecJson.Create().Set("spec.env", env).Parse();

        Assert.DoesNotContain(result.Errors, e => e.Message.StartsWith("the name must be at most", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_duration_is_not_a_duration() =>
        SpecAssert.SingleError(
            SpecJson.Create().Set("spec.updateStrategy.maintenanceWindow.duration", "").Parse(),
            "spec.updateStrategy.maintenanceWindow.duration",
            "must be an ISO-8601 duration");

    [Fact]
    public void A_duration_too_large_for_a_time_span_is_named() =>
        SpecAssert.SingleError(
            SpecJson.Create().Set("spec.updateStrategy.maintenanceWindow.duration", "P99999999999999D").Parse(),
            "spec.updateStrategy.maintenanceWindow.duration",
            "is too large to be a duration");

    [Theory]
    [InlineData("", false)]
    [InlineData("orders", false)]
    [InlineData(@"\ud83d\ude00", false)]
    [InlineData(@"a\ud83d\ude00", false)]
    [InlineData(@"\ud83d\ude00a", false)]
    [InlineData(@"\ud800", true)]
    [InlineData(@"a\ud800", true)]
    [InlineData(@"\ud800a", true)]
    [InlineData(@"a\udc00b", true)]
    [InlineData(@"\udc00\ud800", true)]
    [InlineData(@"\ud83d\ud83d\ude00", true)]
    public void Unpaired_surrogates_in_the_text_are_found(string escaped, bool unpaired) =>
        Assert.Equal(unpaired, UnicodeScan.HasUnpairedSurrogate(Regex.Unescape(escaped)));

    [Fact]
    public void A_document_with_an_unpaired_surrogate_is_refused_as_text() =>
        SpecAssert.SingleError(
            SpecParser.Parse(SpecJson.Valid.Replace("\"payments\"", "\"pay" + (char)0xD800 + "ments\"", StringComparison.Ordinal)),
            "$",
            "is not valid text");

    [Fact]
    public void An_unpaired_surrogate_escape_in_a_list_is_reported_at_its_index()
    {
        var json = SpecJson.Create().SetRaw("spec.placement.subnets", """["subnet-0a1b2c3d4e5f60718", "x"]""").ToJson()
            .Replace("\"x\"", "\"\\ud800\"", StringComparison.Ordinal);

        SpecAssert.SingleError(SpecParser.Parse(json), "spec.placement.subnets[1]", "is not valid Unicode");
    }

    [Fact]
    public void An_unpaired_surrogate_escape_in_a_field_name_is_reported_at_its_object()
    {
        var json = SpecJson.Valid.Replace("\"team\"", "\"te\\ud800am\"", StringComparison.Ordinal);

        SpecAssert.SingleError(SpecParser.Parse(json), "metadata.labels", "has a field name that is not valid Unicode");
    }
}
