using System;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace Aot.Storage.Generators.Emitting;

/// <summary>An indenting text writer for generated C#; blocks are opened with <see cref="Block"/> and closed by disposing.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public void Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
            _builder.Append(text);
        }

        _builder.Append('\n');
    }

    public BlockScope Block(string header, string close = "}")
    {
        Line(header);
        Line("{");
        _indent++;
        return new BlockScope(this, close);
    }

    public void Indent() => _indent++;

    public void Unindent() => _indent--;

    public SourceText ToSourceText() => SourceText.From(_builder.ToString(), Encoding.UTF8);

    public override string ToString() => _builder.ToString();

    internal readonly struct BlockScope : IDisposable
    {
        private readonly SourceWriter _writer;
        private readonly string _close;

        public BlockScope(SourceWriter writer, string close)
        {
            _writer = writer;
            _close = close;
        }

        public void Dispose()
        {
            _writer._indent--;
            _writer.Line(_close);
        }
    }
}
