namespace ZeebeOperator.Core.Spec.Validation;

/// <summary>
/// <c>spec.secrets</c>: environment variables ECS fills from Secrets Manager or SSM. Names follow the rules of
/// <c>spec.env</c>; values are references (ARNs), so the messages may quote them.
/// </summary>
internal static class SecretRules
{
    /// <summary>ARNs are at most 2048 characters.</summary>
    public const int MaxReferenceLength = 2048;

    private static readonly string Path = SpecPath.Of(d => d.Spec.Secrets);
    private static readonly string EnvPath = SpecPath.Of(d => d.Spec.Env);

    public static void Check(IReadOnlyDictionary<string, string> secrets, IReadOnlyDictionary<string, string> env, ICollection<SpecError> errors)
    {
        // Spring binds environment variables ignoring case, so DB_PASSWORD and db_password would set one property.
        var envNames = env.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, reference) in secrets)
        {
            var path = SpecPath.Property(Path, name);
            if (EnvironmentRules.NameProblem(name, "come from a secret") is { } problem)
            {
                errors.Add(path, problem);
            }
            else if (envNames.TryGetValue(name, out var envName))
            {
                errors.Add(path, $"is also set in {SpecPath.Property(EnvPath, envName)}; a variable comes from env or from a secret, not both");
            }

            if (reference.Length > MaxReferenceLength || !SpecPatterns.SecretReference().IsMatch(reference))
            {
                errors.Add(
                    path,
                    "must be the ARN of a Secrets Manager secret (arn:aws:secretsmanager:<region>:<account>:secret:<name>, optionally followed by :<json-key>:<version-stage>:<version-id>) "
                    + "or of an SSM parameter (arn:aws:ssm:<region>:<account>:parameter/<name>)");
            }
        }
    }
}
