using ZeebeOperator.Core.Planning;

namespace ZeebeOperator.Core.Tests.Planning;

public sealed class BoundedCacheTests
{
    [Fact]
    public void It_keeps_at_most_its_capacity_dropping_the_oldest()
    {
        var cache = new BoundedCache<string>(2);

        cache.Set("a", "1");
        cache.Set("b", "2");
        cache.Set("c", "3");

        Assert.Equal(2, cache.Count);
        Assert.Null(cache.Get("a"));
        Assert.Equal(("2", "3"), (cache.Get("b"), cache.Get("c")));
    }

    [Fact]
    public void Removing_and_setting_again_many_times_keeps_the_newest_entries()
    {
        var cache = new BoundedCache<string>(3);
        for (var i = 0; i < 1_000; i++)
        {
            cache.Set("hot", $"{i}");
            cache.Remove("hot");
        }

        cache.Set("x", "1");
        cache.Set("y", "2");
        cache.Set("z", "3");

        Assert.Equal(3, cache.Count);
        Assert.Equal(("1", "2", "3"), (cache.Get("x"), cache.Get("y"), cache.Get("z")));
    }

    [Fact]
    public void A_capacity_below_one_still_keeps_the_newest_entry()
    {
        var cache = new BoundedCache<string>(0);

        cache.Set("a", "1");
        cache.Set("b", "2");

        Assert.Equal(1, cache.Count);
        Assert.Equal("2", cache.Get("b"));
    }

    [Fact]
    public void Setting_a_key_again_replaces_its_value_without_taking_another_place()
    {
        var cache = new BoundedCache<string>(2);

        cache.Set("a", "1");
        cache.Set("a", "2");
        cache.Set("b", "3");
        Assert.Equal(("2", "3"), (cache.Get("a"), cache.Get("b")));

        cache.Set("c", "4");
        cache.Set("d", "5");
        Assert.Equal(2, cache.Count);
        Assert.Equal(("4", "5"), (cache.Get("c"), cache.Get("d")));
    }

    [Fact]
    public void A_key_removed_and_set_again_counts_as_new_and_is_not_the_oldest()
    {
        var cache = new BoundedCache<string>(2);

        cache.Set("a", "1");
        cache.Set("b", "2");
        cache.Remove("a");
        cache.Set("a", "3");
        cache.Set("c", "4");

        Assert.Null(cache.Get("b"));
        Assert.Equal(("3", "4"), (cache.Get("a"), cache.Get("c")));
    }

    [Fact]
    public void Removing_a_key_that_is_not_cached_changes_nothing()
    {
        var cache = new BoundedCache<string>(2);
        cache.Set("a", "1");

        cache.Remove("b");
        cache.Set("b", "2");

        Assert.Equal(2, cache.Count);
        Assert.Equal(("1", "2"), (cache.Get("a"), cache.Get("b")));
    }
}
