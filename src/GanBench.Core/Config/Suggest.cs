namespace GanBench.Core.Config;

/// <summary>Nearest-name suggestions for misspelt keys and component names.</summary>
public static class Suggest
{
    /// <summary>The closest candidate, or null when none is close enough to be a plausible typo.</summary>
    public static string? Nearest(string input, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            int d = Distance(input.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance) { best = c; bestDistance = d; }
        }
        // A third of the length allows one slip in short names and a few in long ones, without
        // proposing unrelated words.
        int limit = Math.Max(1, (input.Length + 2) / 3);
        return bestDistance <= limit ? best : null;
    }

    /// <summary>" (did you mean 'x'?)" or empty, ready to append to a message.</summary>
    public static string DidYouMean(string input, IEnumerable<string> candidates)
    {
        var n = Nearest(input, candidates);
        return n is null ? "" : $" (did you mean '{n}'?)";
    }

    /// <summary>Optimal-string-alignment distance: Levenshtein plus adjacent transpositions.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        for (int j = 1; j <= b.Length; j++)
        {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
        }
        return d[a.Length, b.Length];
    }
}
