using ZeebeOperator.Core.Resources;

namespace ZeebeOperator.Core.Planning;

/// <summary>
/// Task definition revisions described so far, by ARN. A revision's content never changes, so it is described
/// once; its tags can change, and the operator's own tagging is recorded here so the next pass sees it without
/// describing the revision again.
/// </summary>
public sealed class TaskDefinitionCache(OperatorOptions options)
{
    private readonly BoundedCache<TaskDefinition> _revisions = new(options.TaskDefinitionCacheSize);

    public TaskDefinition? Get(string arn) => _revisions.Get(arn);

    public void Set(TaskDefinition definition) => _revisions.Set(definition.Arn, definition);

    /// <summary>Records tags the operator added to a revision (TagResource merges, it never removes).</summary>
    public void AddTags(string arn, IReadOnlyDictionary<string, string> tags)
    {
        if (_revisions.Get(arn) is not { } known)
        {
            return;
        }

        var merged = new SortedDictionary<string, string>(known.Definition.Tags.ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            merged[key] = value;
        }

        _revisions.Set(arn, known with { Definition = known.Definition with { Tags = merged } });
    }
}
