using System.Reflection;
using System.Text;
using Aot.Storage.FileSystem;
using BenchmarkDotNet.Attributes;

namespace Aot.Storage.Benchmarks;

/// <summary>
/// <c>--smoke</c>: runs every benchmark method once, in process, for every parameter combination, and checks
/// the results: Aot.Storage writes the golden bytes; STJ (source-gen and reflection) reads the golden bytes
/// into a value that Aot.Storage writes back as the golden bytes, and writes JSON that Aot.Storage reads back
/// into the same value; the store and floor rows leave the golden bytes on disk; every fetch row reads the
/// same value.
/// </summary>
public static class Smoke
{
    public static int Run(TextWriter log)
    {
        var failures = new List<string>();
        int checks = 0;

        void Check(bool condition, string what)
        {
            checks++;
            if (!condition)
            {
                failures.Add(what);
                log.WriteLine("FAIL " + what);
            }
        }

        foreach (PayloadKind kind in Enum.GetValues<PayloadKind>())
        {
            PayloadCase payload = PayloadCase.Create(kind);
            byte[] golden = payload.Golden;
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            payload.SerializeAotStorage(buffer);
            Check(buffer.WrittenSpan.SequenceEqual(golden), $"{kind}: Aot.Storage serialize == golden");
            Check(payload.ReserializeAotStorage(payload.DeserializeAotStorage(golden)).AsSpan().SequenceEqual(golden), $"{kind}: Aot.Storage round trip == golden");

            foreach ((string mode, Func<ReadOnlySpan<byte>, object?> read, Action<System.Text.Json.Utf8JsonWriter> write) in new (string, Func<ReadOnlySpan<byte>, object?>, Action<System.Text.Json.Utf8JsonWriter>)[]
            {
                ("STJ source-gen", s => payload.DeserializeStjSourceGen(s), payload.SerializeStjSourceGen),
                ("STJ reflection", s => payload.DeserializeStjReflection(s), payload.SerializeStjReflection),
            })
            {
                Check(payload.ReserializeAotStorage(read(golden)).AsSpan().SequenceEqual(golden), $"{kind}: {mode} reads golden into the golden value");
                var stjOut = new System.Buffers.ArrayBufferWriter<byte>();
                using (var writer = new System.Text.Json.Utf8JsonWriter(stjOut))
                {
                    write(writer);
                }

                byte[] stjBytes = stjOut.WrittenSpan.ToArray();
                Check(payload.ReserializeAotStorage(payload.DeserializeAotStorage(stjBytes)).AsSpan().SequenceEqual(golden), $"{kind}: {mode} writes the golden value ({stjBytes.Length} bytes vs {golden.Length})");
                Check(payload.ReserializeAotStorage(read(stjBytes)).AsSpan().SequenceEqual(golden), $"{kind}: {mode} round trip");
            }
        }

        // Every [Benchmark] method once per parameter combination.
        foreach (Type type in typeof(Smoke).Assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)).OrderBy(t => t.Name))
        {
            PropertyInfo[] parameters = [.. type.GetProperties().Where(p => p.GetCustomAttribute<ParamsAllValuesAttribute>() is not null)];
            MethodInfo[] benchmarks = [.. type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)];
            int combinations = 0;
            foreach (object[] values in Combinations(parameters.Select(p => Enum.GetValues(p.PropertyType).Cast<object>().ToArray()).ToArray()))
            {
                string label = type.Name + "(" + string.Join(", ", values) + ")";
                object instance = Activator.CreateInstance(type)!;
                for (int i = 0; i < parameters.Length; i++)
                {
                    parameters[i].SetValue(instance, values[i]);
                }

                Invoke(type, instance, typeof(GlobalSetupAttribute));
                try
                {
                    var results = new List<(string Name, object? Result)>();
                    foreach (MethodInfo method in benchmarks)
                    {
                        try
                        {
                            results.Add((method.Name, method.Invoke(instance, null)));
                            checks++;
                        }
                        catch (TargetInvocationException ex)
                        {
                            Check(false, $"{label}.{method.Name} threw {ex.InnerException}");
                        }
                    }

                    CheckResults(type, instance, label, results, Check);
                }
                finally
                {
                    Invoke(type, instance, typeof(GlobalCleanupAttribute));
                }

                combinations++;
            }

            log.WriteLine($"{type.Name}: {benchmarks.Length} methods x {combinations} parameter sets ran once");
        }

        log.WriteLine(failures.Count == 0 ? $"smoke: {checks} checks passed" : $"smoke: {failures.Count} of {checks} checks failed");
        return failures.Count == 0 ? 0 : 1;
    }

    private static void CheckResults(Type type, object instance, string label, List<(string Name, object? Result)> results, Action<bool, string> check)
    {
        ResourceFixture? fixture = type.GetField("_fixture", BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(instance) as ResourceFixture;
        if (fixture is null)
        {
            return;
        }

        if (type == typeof(StoreBenchmarks))
        {
            // After the last row (Aot.Storage) the file holds its bytes; run the floor rows again and compare too.
            check(File.ReadAllBytes(fixture.FilePath).AsSpan().SequenceEqual(fixture.Golden), $"{label}: Aot.Storage stored the golden bytes at {fixture.FilePath}");
            fixture.Floor.Store(fixture.Golden, fixture.Durable);
            check(File.ReadAllBytes(fixture.FilePath).AsSpan().SequenceEqual(fixture.Golden), $"{label}: the floor stored the golden bytes");
        }
        else
        {
            foreach ((string name, object? result) in results)
            {
                if (result is int length)
                {
                    check(length == fixture.Golden.Length, $"{label}.{name}: read {length} bytes, expected {fixture.Golden.Length}");
                }
                else
                {
                    check(fixture.Reserialize(result).AsSpan().SequenceEqual(fixture.Golden), $"{label}.{name}: fetched the golden value");
                }
            }
        }
    }

    private static void Invoke(Type type, object instance, Type attribute)
    {
        foreach (MethodInfo method in type.GetMethods().Where(m => m.GetCustomAttribute(attribute) is not null))
        {
            method.Invoke(instance, null);
        }
    }

    private static IEnumerable<object[]> Combinations(object[][] axes)
    {
        IEnumerable<object[]> result = [[]];
        foreach (object[] axis in axes)
        {
            result = result.SelectMany(prefix => axis.Select(value => (object[])[.. prefix, value])).ToList();
        }

        return result;
    }

    internal static string Describe(Durability durability) => durability.ToString();

    internal static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
