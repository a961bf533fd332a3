using System.Buffers;
using System.Text;
using Aot.Storage.Json;

namespace Aot.Storage.Tests.Json;

internal delegate void WriteAction(ref GoJsonWriter writer);

internal static class WriterHelper
{
    /// <summary>Runs <paramref name="action"/> on a fresh writer and returns the flushed output as text.</summary>
    public static string Write(WriteAction action) => Encoding.UTF8.GetString(WriteBytes(action));

    public static byte[] WriteBytes(WriteAction action)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new GoJsonWriter(output);
        action(ref writer);
        writer.Flush();
        Assert.Equal(output.WrittenCount, writer.BytesWritten);
        return output.WrittenSpan.ToArray();
    }
}
