using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Aot.Storage.Generators.Tests.Infrastructure;

/// <summary>
/// Source text with marked spans, written <c>{|#0:text|}</c> as in the Roslyn testing libraries: the markers
/// are removed and the span of each numbered text is kept, so that a test can state where a diagnostic goes.
/// </summary>
internal sealed class Markup
{
    private Markup(string text, IReadOnlyDictionary<int, TextSpan> spans)
    {
        Text = text;
        Spans = spans;
    }

    public string Text { get; }

    public IReadOnlyDictionary<int, TextSpan> Spans { get; }

    public static Markup Parse(string markup)
    {
        var text = new StringBuilder(markup.Length);
        var spans = new Dictionary<int, TextSpan>();
        var open = new Stack<(int Index, int Start)>();
        int i = 0;
        while (i < markup.Length)
        {
            if (string.CompareOrdinal(markup, i, "{|#", 0, 3) == 0)
            {
                int colon = markup.IndexOf(':', i + 3);
                int index = int.Parse(markup.AsSpan(i + 3, colon - i - 3), System.Globalization.CultureInfo.InvariantCulture);
                open.Push((index, text.Length));
                i = colon + 1;
            }
            else if (open.Count > 0 && string.CompareOrdinal(markup, i, "|}", 0, 2) == 0)
            {
                (int index, int start) = open.Pop();
                Assert.True(spans.TryAdd(index, TextSpan.FromBounds(start, text.Length)), $"Marker #{index} is used twice.");
                i += 2;
            }
            else
            {
                text.Append(markup[i]);
                i++;
            }
        }

        Assert.True(open.Count == 0, "A marker is not closed.");
        return new Markup(text.ToString(), spans);
    }
}
