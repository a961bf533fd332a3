using System.Text.RegularExpressions;
using System.Xml;

namespace Aot.Storage.PackageTests.Infrastructure;

/// <summary>
/// The map file the NativeAOT compiler writes with <c>IlcGenerateMapFile</c>: one element per node of the
/// binary (method code, type, static data, ...) with its mangled name, e.g.
/// <c>SystemText_Json_System_Text_Json_JsonSerializer__Serialize</c>, and its length in bytes.
/// </summary>
internal sealed class NativeAotMap
{
    private NativeAotMap(IReadOnlyList<(string Name, long Length)> nodes)
    {
        Nodes = nodes;
    }

    public IReadOnlyList<(string Name, long Length)> Nodes { get; }

    public static NativeAotMap Load(string path)
    {
        var nodes = new List<(string, long)>();
        using XmlReader reader = XmlReader.Create(path);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.GetAttribute("Name") is { } name)
            {
                long.TryParse(reader.GetAttribute("Length"), out long length);
                nodes.Add((name, length));
            }
        }

        return new NativeAotMap(nodes);
    }

    public IReadOnlyList<string> NamesMatching(Regex pattern) => [.. Nodes.Where(n => pattern.IsMatch(n.Name)).Select(n => n.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public long BytesMatching(Regex pattern) => Nodes.Where(n => pattern.IsMatch(n.Name)).Sum(n => n.Length);
}
