using System.Text.RegularExpressions;

namespace Aot.Storage.PackageTests.Infrastructure;

/// <summary>Patterns over the mangled node names of a NativeAOT map file.</summary>
internal static partial class SerializerMachinery
{
    /// <summary>
    /// System.Text.Json's serializer: <c>JsonSerializer</c>, <c>JsonSerializerOptions</c> and everything under
    /// <c>System.Text.Json.Serialization</c> (converters, <c>JsonTypeInfo</c>, <c>JsonSerializerContext</c>).
    /// The reader and writer (<c>Utf8JsonReader</c>, <c>Utf8JsonWriter</c>) are not part of it.
    /// </summary>
    [GeneratedRegex(@"System_Text_Json_(JsonSerializer|Serialization_)")]
    public static partial Regex Pattern();

    /// <summary>System.Text.Json's reader, which the generated codecs do use.</summary>
    [GeneratedRegex(@"System_Text_Json_Utf8JsonReader__")]
    public static partial Regex Reader();

    /// <summary>Anything of System.Text.Json.</summary>
    [GeneratedRegex(@"Text_Json_System_Text_Json_")]
    public static partial Regex AnySystemTextJson();

    /// <summary>The generated typed store of the library's set.</summary>
    [GeneratedRegex(@"Aot_Storage_VirtContainers_VirtContainersStore")]
    public static partial Regex LibraryStore();

    /// <summary>The generated typed store of the consumer's set.</summary>
    [GeneratedRegex(@"EdgeRuntime_EdgeStore")]
    public static partial Regex ConsumerStore();
}
