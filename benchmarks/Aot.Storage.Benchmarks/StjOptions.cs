using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Aot.Storage.Benchmarks.Stj;

namespace Aot.Storage.Benchmarks;

/// <summary>System.Text.Json in its two modes: the source-generated <see cref="StjContext"/> and reflection.</summary>
public static class StjOptions
{
    private static JsonSerializerOptions? s_reflection;

    /// <summary>Reflection-based metadata with the same converters (cached, like any real use of STJ).</summary>
    public static JsonSerializerOptions Reflection => s_reflection ??= CreateReflection();

    public static JsonTypeInfo<T> SourceGen<T>() => (JsonTypeInfo<T>)StjContext.Default.GetTypeInfo(typeof(T))!;

    public static JsonTypeInfo<T> ReflectionInfo<T>() => (JsonTypeInfo<T>)Reflection.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions CreateReflection()
    {
        var shape = new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        foreach (var converter in StjConverters.CreateLeafConverters())
        {
            shape.Converters.Add(converter);
        }

        shape.MakeReadOnly();
        var options = new JsonSerializerOptions { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        foreach (var converter in StjConverters.CreateAll(shape))
        {
            options.Converters.Add(converter);
        }

        options.MakeReadOnly();
        return options;
    }
}
