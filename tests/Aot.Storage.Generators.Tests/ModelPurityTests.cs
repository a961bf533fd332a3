using System.Reflection;
using Aot.Storage.Generators.Model;
using Aot.Storage.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace Aot.Storage.Generators.Tests;

/// <summary>
/// What flows through the pipeline is plain data: no symbol, syntax, location, compilation or semantic
/// model (they would pin compilations in memory and defeat caching), and the same declaration compiled
/// twice gives equal models with equal hash codes.
/// </summary>
public sealed class ModelPurityTests
{
    private static readonly Type[] s_forbidden =
    [
        typeof(ISymbol),
        typeof(SyntaxNode),
        typeof(SyntaxTree),
        typeof(SyntaxToken),
        typeof(SyntaxReference),
        typeof(Location),
        typeof(Compilation),
        typeof(SemanticModel),
        typeof(AttributeData),
        typeof(TypedConstant),
    ];

    private static readonly string[] s_steps = [TrackingNames.Declarations, TrackingNames.Model, TrackingNames.ValidModel];

    public static TheoryData<string> Scenarios => new()
    {
        ScenarioRuns.PodContainerLock,
        ScenarioRuns.Unions,
        ScenarioRuns.VirtContainers,
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void PipelineValuesHoldNoCompilerObjects(string scenario)
    {
        GeneratorRunResult result = ScenarioRuns.Get(scenario).AssertNoGeneratorFailure().Result;
        var values = s_steps.SelectMany(step => result.TrackedSteps[step]).SelectMany(s => s.Outputs).Select(o => o.Value).ToList();
        Assert.Contains(values, v => v is ResourceSetModel);

        HashSet<Type> seen = Walk(values);

        // The walk really went through the graph, down to the union cases.
        Assert.Contains(typeof(ResourceKindModel), seen);
        Assert.Contains(typeof(CodecTypeModel), seen);
        Assert.Contains(typeof(PropertyModel), seen);
        Assert.Contains(typeof(ValueModel), seen);
        Assert.Contains(typeof(UnionCaseModel), seen);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void SameSourceCompiledTwiceGivesEqualModels(string scenario)
    {
        string source = ScenarioRuns.Source(scenario);
        ResourceSetModel first = ModelOf(GeneratorHarness.Run(TestCompilation.Create(source)));
        ResourceSetModel second = ModelOf(GeneratorHarness.Run(TestCompilation.Create(source)));

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEmpty(first.Types);
    }

    [Fact]
    public void ADifferentDeclarationGivesADifferentModel()
    {
        string source = ScenarioRuns.Source(ScenarioRuns.PodContainerLock);
        ResourceSetModel original = ModelOf(GeneratorHarness.Run(TestCompilation.Create(source)));
        ResourceSetModel renamed = ModelOf(GeneratorHarness.Run(TestCompilation.Create(source.Replace("[UnionCase(\"net\")]", "[UnionCase(\"nic\")]", StringComparison.Ordinal))));

        Assert.NotEqual(original, renamed);
    }

    [Fact]
    public void TheWalkRejectsCompilerObjectsAndForeignContainers()
    {
        // The checker itself must be able to fail: a location, a syntax tree, an ImmutableArray of models.
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Walk([Location.None]));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Walk([new object[] { "a", TestCompilation.Parse("class C { }", "C.cs") }]));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Walk([System.Collections.Immutable.ImmutableArray.Create("a")]));
    }

    private static ResourceSetModel ModelOf(GeneratorRun run) =>
        Assert.IsType<ResourceSetModel>(Assert.Single(run.AssertNoGeneratorFailure().Result.TrackedSteps[TrackingNames.ValidModel].SelectMany(s => s.Outputs)).Value);

    /// <summary>Walks every field of every object reachable from <paramref name="roots"/>; fails on a forbidden type.</summary>
    private static HashSet<Type> Walk(IEnumerable<object?> roots)
    {
        var seen = new HashSet<Type>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Value, string Path)>(roots.Where(r => r is not null).Select((r, i) => (r!, $"output[{i}]")));
        while (pending.Count > 0)
        {
            (object value, string path) = pending.Pop();
            Type type = value.GetType();
            if (!type.IsValueType && !visited.Add(value))
            {
                continue;
            }

            seen.Add(type);
            Type? forbidden = s_forbidden.FirstOrDefault(f => f.IsAssignableFrom(type));
            Assert.True(forbidden is null, $"{path} is a {type} ({forbidden}).");
            if (type.IsPrimitive || type.IsEnum || type == typeof(string))
            {
                continue;
            }

            if (value is Array array)
            {
                int index = 0;
                foreach (object? element in array)
                {
                    if (element is not null)
                    {
                        pending.Push((element, $"{path}[{index}]"));
                    }

                    index++;
                }

                continue;
            }

            // Anything else must be a model type of the generator (no ImmutableArray, no compiler type).
            Assert.True(type.Assembly == typeof(ResourceSetModel).Assembly, $"{path} is a {type}, not a generator model type.");
            for (Type? current = type; current is not null && current != typeof(object) && current != typeof(ValueType); current = current.BaseType)
            {
                foreach (FieldInfo field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.GetValue(value) is { } fieldValue)
                    {
                        pending.Push((fieldValue, $"{path}.{field.Name}"));
                    }
                }
            }
        }

        return seen;
    }
}
