namespace Aot.Storage.FileSystem;

/// <summary>
/// The grammar of pod and container IDs: ASCII <c>\A[A-Za-z0-9][A-Za-z0-9_.-]{0,N-1}\z</c> with N the
/// length bound (<see cref="FileSystemStoreOptions.MaxIdLength"/>). Checked with a loop over the
/// characters, not a regular expression (.NET's <c>$</c> matches before a final <c>\n</c>).
/// </summary>
/// <remarks>
/// Such an ID is always exactly one path component: it cannot be empty, <c>.</c> or <c>..</c>, contain
/// <c>/</c> or NUL, or start with <c>.</c> (hidden and temporary files) or <c>-</c> (command-line options).
/// Inner dots are allowed, so <c>a..b</c> is a valid ID: it is one component and resolves to a direct
/// child of its parent directory, as runc also accepts it.
/// </remarks>
public static class ResourceIds
{
    /// <summary>Whether <paramref name="id"/> follows the grammar with the given length bound.</summary>
    public static bool IsValid(ReadOnlySpan<char> id, int maxLength = FileSystemStoreOptions.DefaultMaxIdLength) =>
        Check(id, maxLength, out _) == IdProblem.None;

    internal static IdProblem Check(ReadOnlySpan<char> id, int maxLength, out int index)
    {
        index = -1;
        if (id.IsEmpty)
        {
            return IdProblem.Empty;
        }

        if (id.Length > maxLength)
        {
            return IdProblem.TooLong;
        }

        for (int i = 0; i < id.Length; i++)
        {
            char c = id[i];
            bool ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
                || (i > 0 && c is '_' or '.' or '-');
            if (!ok)
            {
                index = i;
                return i == 0 && c is '_' or '.' or '-' ? IdProblem.BadFirstCharacter : IdProblem.BadCharacter;
            }
        }

        return IdProblem.None;
    }
}

internal enum IdProblem
{
    None,
    Empty,
    TooLong,
    BadFirstCharacter,
    BadCharacter,
}
