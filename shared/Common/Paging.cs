namespace CareerNexus.Common;

/// <summary>A zero-based page of a list: which page, how big, and an optional cap on the whole list.</summary>
public sealed record PageRequest(int Number, int Size, int? Limit = null)
{
    public const int DefaultSize = 10;
    public const int MaxSize = 100;

    /// <summary>
    /// How far into a list a page may reach, and where counts that are not stored counters stop: a page starting
    /// past it is empty, like a page past the end, so no request reads more than this many entries.
    /// </summary>
    public const int MaxReach = 1000;

    /// <summary>Items before the page; in long, because a large page number times the size overflows an int.</summary>
    public long Skip => (long)Number * Size;
}

/// <summary>One page of a list and the size of the whole list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total, PageRequest Request)
{
    public long TotalPages => Request.Size == 0 ? 0 : (Total + Request.Size - 1) / Request.Size;

    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToList(), Total, Request);
}

/// <summary>Sort direction and key for a list; the feature decides which keys it allows.</summary>
public sealed record Ordering(string Field, bool Descending);
