using Microsoft.CodeAnalysis;

namespace Aot.Storage.Generators;

[Generator(LanguageNames.CSharp)]
public sealed class ResourceSetGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
