using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ZeebeOperator.Aws.Tests.Contract;

/// <summary>
/// Checks a JSON document against a shape of an official API model: member names and casing, required members,
/// types, and nested structures, lists and maps. Constraints the v2 <c>min.json</c> models do not carry (enums,
/// lengths, patterns, ranges) come from <see cref="PublishedConstraints"/>, keyed by the member's path.
/// </summary>
public sealed class ModelValidator(ApiModel model, IReadOnlyDictionary<string, MemberConstraint>? constraints = null)
{
    public List<string> Validate(JsonNode? value, JsonNode? shapeRef, string path = "$", Func<JsonObject, bool>? includeMember = null)
    {
        var errors = new List<string>();
        var shape = shapeRef is null ? new JsonObject { ["type"] = "structure" } : model.Resolve(shapeRef);
        Check(value, shape, path, errors, includeMember);
        return errors;
    }

    private void Check(JsonNode? value, JsonObject shape, string path, List<string> errors, Func<JsonObject, bool>? includeMember)
    {
        if (value is null)
        {
            return;
        }

        var type = ApiModel.TypeOf(shape);
        switch (type)
        {
            case "structure":
                if (value is not JsonObject obj)
                {
                    errors.Add($"{path}: expected an object");
                    return;
                }

                var members = shape["members"]?.AsObject() ?? new JsonObject();
                foreach (var required in shape["required"]?.AsArray() ?? [])
                {
                    var name = (string)required!;
                    var member = model.Resolve(members[name]);
                    if ((includeMember?.Invoke(member) ?? true) && !obj.ContainsKey(name))
                    {
                        errors.Add($"{path}: required member '{name}' is missing");
                    }
                }

                foreach (var (name, child) in obj)
                {
                    if (members[name] is not JsonObject memberRef)
                    {
                        var near = members.Select(m => m.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
                        errors.Add($"{path}: unknown member '{name}'{(near is null ? string.Empty : $" (the model spells it '{near}')")}");
                        continue;
                    }

                    var member = model.Resolve(memberRef);
                    if (includeMember?.Invoke(member) == false)
                    {
                        errors.Add($"{path}: member '{name}' belongs in the {member["location"]}, not the body");
                        continue;
                    }

                    Check(child, member, $"{path}.{name}", errors, null);
                }

                break;
            case "list":
                if (value is not JsonArray array)
                {
                    errors.Add($"{path}: expected an array");
                    return;
                }

                CheckConstraint(path, array.Count, null, errors);
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], model.Resolve(shape["member"]), $"{path}[]", errors, null);
                }

                break;
            case "map":
                if (value is not JsonObject map)
                {
                    errors.Add($"{path}: expected an object (map)");
                    return;
                }

                foreach (var (key, child) in map)
                {
                    Check(JsonValue.Create(key), model.Resolve(shape["key"]), $"{path}{{key}}", errors, null);
                    Check(child, model.Resolve(shape["value"]), $"{path}{{}}", errors, null);
                }

                break;
            case "string":
                if (!IsKind(value, System.Text.Json.JsonValueKind.String))
                {
                    errors.Add($"{path}: expected a string");
                    return;
                }

                CheckConstraint(path, null, (string)value!, errors);
                break;
            case "integer" or "long":
                if (!IsKind(value, System.Text.Json.JsonValueKind.Number) || !long.TryParse(value.ToJsonString(), out var number))
                {
                    errors.Add($"{path}: expected an integer");
                    return;
                }

                CheckConstraint(path, number, null, errors);
                break;
            case "double" or "float":
                if (!IsKind(value, System.Text.Json.JsonValueKind.Number))
                {
                    errors.Add($"{path}: expected a number");
                }

                break;
            case "boolean":
                if (!IsKind(value, System.Text.Json.JsonValueKind.True) && !IsKind(value, System.Text.Json.JsonValueKind.False))
                {
                    errors.Add($"{path}: expected a boolean");
                }

                break;
            case "timestamp":
                if (!IsKind(value, System.Text.Json.JsonValueKind.Number) && !IsKind(value, System.Text.Json.JsonValueKind.String))
                {
                    errors.Add($"{path}: expected a timestamp");
                }

                break;
            default:
                errors.Add($"{path}: unsupported shape type {type}");
                break;
        }
    }

    private static bool IsKind(JsonNode node, System.Text.Json.JsonValueKind kind) => node.GetValueKind() == kind;

    private void CheckConstraint(string path, long? number, string? text, List<string> errors)
    {
        if (constraints is null || !constraints.TryGetValue(path, out var c))
        {
            return;
        }

        if (text is not null)
        {
            if (c.Enum is not null && !c.Enum.Contains(text))
            {
                errors.Add($"{path}: '{text}' is not one of {string.Join("|", c.Enum)}");
            }

            if (c.Min is { } min && text.Length < min)
            {
                errors.Add($"{path}: shorter than {min}");
            }

            if (c.Max is { } max && text.Length > max)
            {
                errors.Add($"{path}: longer than {max}");
            }

            if (c.Pattern is not null && !Regex.IsMatch(text, c.Pattern))
            {
                errors.Add($"{path}: '{text}' does not match {c.Pattern}");
            }
        }
        else if (number is { } n)
        {
            if (c.Min is { } min && n < min)
            {
                errors.Add($"{path}: {n} is below {min}");
            }

            if (c.Max is { } max && n > max)
            {
                errors.Add($"{path}: {n} is above {max}");
            }
        }
    }
}

/// <summary>An enum, length/count or range and pattern rule for one member path.</summary>
public sealed record MemberConstraint(IReadOnlyList<string>? Enum = null, long? Min = null, long? Max = null, string? Pattern = null);
