namespace ZeebeOperator.Core.Spec.Validation;

internal static class EnvironmentRules
{
    private static readonly string Path = SpecPath.Of(d => d.Spec.Env);

    public static void Check(IReadOnlyDictionary<string, string> env, ICollection<SpecError> errors)
    {
        foreach (var (name, value) in env)
        {
            var path = SpecPath.Property(Path, name);
            if (!SpecPatterns.EnvironmentVariableName().IsMatch(name))
            {
                errors.Add(path, "must be an environment variable name: letters, digits and '_', not starting with a digit");
            }
            else if (OperatorOwnedEnvironment.SettingOf(name) is { } owned)
            {
                errors.Add(path, $"is set by the operator and cannot be overridden: Camunda reads it as the broker's {owned.Description}");
            }

            if (value.Length > SpecLimits.MaxEnvValueLength)
            {
                errors.Add(path, $"the value must be at most {SpecLimits.MaxEnvValueLength} characters long");
            }
            else if (value.Any(char.IsControl))
            {
                errors.Add(path, "the value must not contain control characters");
            }
        }
    }
}
