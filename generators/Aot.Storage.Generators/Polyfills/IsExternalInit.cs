namespace System.Runtime.CompilerServices;

// Records and init accessors need this type, which netstandard2.0 lacks.
internal static class IsExternalInit
{
}
