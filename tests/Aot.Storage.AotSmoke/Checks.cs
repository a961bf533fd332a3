using System.Text;

namespace Aot.Storage.AotSmoke;

/// <summary>Counts the checks, prints every mismatch with the first differing byte, and remembers whether any failed.</summary>
internal sealed class Checks
{
    public int Passed { get; private set; }

    public int Failed { get; private set; }

    public void Bytes(string what, ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        if (expected.SequenceEqual(actual))
        {
            Passed++;
            return;
        }

        int offset = expected.CommonPrefixLength(actual);
        Fail(what, $"bytes differ at offset {offset} (expected {expected.Length} bytes, got {actual.Length}){Environment.NewLine}" +
            $"  expected: {Excerpt(expected, offset)}{Environment.NewLine}" +
            $"  actual:   {Excerpt(actual, offset)}");
    }

    public void Bytes(string what, string expected, ReadOnlySpan<byte> actual) => Bytes(what, Encoding.UTF8.GetBytes(expected), actual);

    public void File(string what, string expected, string path) => Bytes(what, expected, System.IO.File.ReadAllBytes(path));

    public void File(string what, byte[] expected, string path) => Bytes(what, expected, System.IO.File.ReadAllBytes(path));

    public void Equal<T>(string what, T expected, T actual)
    {
        if (EqualityComparer<T>.Default.Equals(expected, actual))
        {
            Passed++;
        }
        else
        {
            Fail(what, $"expected <{expected}>, got <{actual}>");
        }
    }

    public void Sequence<T>(string what, IEnumerable<T> expected, IEnumerable<T> actual)
    {
        T[] left = [.. expected];
        T[] right = [.. actual];
        if (left.SequenceEqual(right))
        {
            Passed++;
        }
        else
        {
            Fail(what, $"expected [{string.Join(", ", left)}], got [{string.Join(", ", right)}]");
        }
    }

    public void True(string what, bool condition, string detail = "")
    {
        if (condition)
        {
            Passed++;
        }
        else
        {
            Fail(what, detail.Length == 0 ? "condition is false" : detail);
        }
    }

    /// <summary>Checks that the value is a <typeparamref name="T"/> and returns it, or null (counted as a failure) when it is not.</summary>
    public T? Is<T>(string what, object? value)
        where T : class
    {
        if (value is T typed)
        {
            Passed++;
            return typed;
        }

        Fail(what, $"expected a {typeof(T).Name}, got {(value is null ? "null" : value.GetType().Name)}");
        return null;
    }

    /// <summary>Checks that <paramref name="action"/> throws a <typeparamref name="TException"/> and returns it.</summary>
    public TException? Throws<TException>(string what, Action action)
        where TException : Exception
    {
        try
        {
            action();
        }
        catch (TException ex)
        {
            Passed++;
            return ex;
        }
        catch (Exception ex)
        {
            Fail(what, $"expected {typeof(TException).Name}, got {ex.GetType().Name}: {ex.Message}");
            return null;
        }

        Fail(what, $"expected {typeof(TException).Name}, nothing was thrown");
        return null;
    }

    private void Fail(string what, string detail)
    {
        Failed++;
        Console.WriteLine($"FAIL {what}: {detail}");
    }

    private static string Excerpt(ReadOnlySpan<byte> bytes, int offset)
    {
        int start = Math.Max(0, offset - 40);
        int length = Math.Min(bytes.Length - start, 100);
        return length <= 0 ? "<end>" : "…" + Encoding.UTF8.GetString(bytes.Slice(start, length)) + "…";
    }
}
