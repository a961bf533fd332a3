using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Aot.Storage.Tests.Trimming;

/// <summary>
/// Reads an assembly's metadata and lists every reference to reflection or run-time code generation:
/// types of System.Reflection (attributes aside), System.Reflection.Emit and System.Linq.Expressions,
/// <c>Activator</c>, the reflective members of <c>System.Type</c>, <c>MethodBase.Invoke</c>, and the
/// System.Text.Json serializer overloads that take no <c>JsonTypeInfo</c> (they fall back to reflection).
/// </summary>
internal static class ReflectionUsageScanner
{
    private static readonly ImmutableHashSet<string> s_reflectiveTypeMembers = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "GetType", // only the static Type.GetType(string...) overloads: instance object.GetType is not on System.Type
        "MakeGenericType",
        "MakeGenericMethod",
        "GetMethod",
        "GetMethods",
        "GetProperty",
        "GetProperties",
        "GetField",
        "GetFields",
        "GetMember",
        "GetMembers",
        "GetConstructor",
        "GetConstructors",
        "GetInterfaces",
        "InvokeMember",
        "GetNestedType",
        "GetNestedTypes",
        "GetEvents");

    public static IReadOnlyList<string> Scan(string assemblyPath)
    {
        using FileStream stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        MetadataReader reader = pe.GetMetadataReader();
        var findings = new SortedSet<string>(StringComparer.Ordinal);

        foreach (TypeReferenceHandle handle in reader.TypeReferences)
        {
            TypeReference type = reader.GetTypeReference(handle);
            string ns = reader.GetString(type.Namespace);
            string name = reader.GetString(type.Name);
            if (IsForbiddenType(ns, name))
            {
                findings.Add($"type {ns}.{name}");
            }
        }

        foreach (MemberReferenceHandle handle in reader.MemberReferences)
        {
            MemberReference member = reader.GetMemberReference(handle);
            if (member.Parent.Kind != HandleKind.TypeReference)
            {
                continue;
            }

            TypeReference parent = reader.GetTypeReference((TypeReferenceHandle)member.Parent);
            string ns = reader.GetString(parent.Namespace);
            string typeName = reader.GetString(parent.Name);
            string name = reader.GetString(member.Name);
            string full = $"{ns}.{typeName}.{name}";
            if (ns == "System" && typeName == "Activator")
            {
                findings.Add("member " + full);
            }
            else if (ns == "System" && typeName == "Type" && s_reflectiveTypeMembers.Contains(name))
            {
                findings.Add("member " + full);
            }
            else if (ns == "System.Reflection" && name is "Invoke" or "CreateDelegate")
            {
                findings.Add("member " + full);
            }
            else if (ns == "System.Text.Json" && typeName == "JsonSerializer" && !SignatureMentionsTypeInfo(reader, member))
            {
                findings.Add("member " + full + " (overload without JsonTypeInfo)");
            }
        }

        return [.. findings];
    }

    private static bool IsForbiddenType(string ns, string name)
    {
        if (ns.StartsWith("System.Reflection.Emit", StringComparison.Ordinal) || ns.StartsWith("System.Linq.Expressions", StringComparison.Ordinal))
        {
            return true;
        }

        // Assembly-level attributes (AssemblyVersionAttribute ...) live in System.Reflection and are only metadata.
        return ns == "System.Reflection" && !name.EndsWith("Attribute", StringComparison.Ordinal);
    }

    /// <summary>Whether the member's signature names JsonTypeInfo or JsonSerializerContext (the AOT-safe overloads).</summary>
    private static bool SignatureMentionsTypeInfo(MetadataReader reader, MemberReference member)
    {
        BlobReader blob = reader.GetBlobReader(member.Signature);
        while (blob.RemainingBytes > 0)
        {
            // Any TypeRef/TypeDef token inside the signature: look for the metadata types' names.
            byte b = blob.ReadByte();
            if (b is 0x11 or 0x12)
            {
                EntityHandle handle = blob.ReadTypeHandle();
                if (handle.Kind == HandleKind.TypeReference)
                {
                    string name = reader.GetString(reader.GetTypeReference((TypeReferenceHandle)handle).Name);
                    if (name.StartsWith("JsonTypeInfo", StringComparison.Ordinal) || name == "JsonSerializerContext")
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
