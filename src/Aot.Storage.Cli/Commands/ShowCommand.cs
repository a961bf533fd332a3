using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Aot.Storage.Cli.Infrastructure;
using Aot.Storage.Cli.Resources;

namespace Aot.Storage.Cli.Commands;

/// <summary>
/// <c>show POD RESOURCE</c> and <c>show POD CONTAINER RESOURCE</c>: fetches the resource through the typed
/// model and prints what the store would write for it, byte for byte (compact, no newline), or indented.
/// </summary>
internal static class ShowCommand
{
    public static Command Create(CliApp app)
    {
        var pod = new Argument<string>("POD") { Description = "Pod ID." };
        var second = new Argument<string>("CONTAINER|RESOURCE") { Description = "A pod-level resource, or a container ID followed by a container-level resource." };
        var third = new Argument<string?>("RESOURCE") { Description = "The container-level resource.", Arity = ArgumentArity.ZeroOrOne };
        var pretty = new Option<bool>("--pretty") { Description = "Indent the JSON for people (and end it with a newline)." };
        var command = new Command(
            "show",
            "Print a resource as the store writes it: parsed into the model and serialized again, compact, Go-compatible, without a trailing newline. " +
            "Pod resources: config state network hypervisor agent. Container resources: config state process mounts devices.")
        {
            pod,
            second,
            third,
            pretty,
        };
        command.SetAction(parseResult => app.Guard(() =>
        {
            string podId = parseResult.GetValue(pod)!;
            string? thirdValue = parseResult.GetValue(third);
            ResourceTarget target = thirdValue is null
                ? ResourceTarget.Resolve(podId, null, parseResult.GetValue(second)!)
                : ResourceTarget.Resolve(podId, parseResult.GetValue(second), thirdValue);
            return Execute(app, app.OpenStore(parseResult), target, parseResult.GetValue(pretty));
        }));
        return command;
    }

    private static int Execute(CliApp app, StoreContext context, ResourceTarget target, bool pretty)
    {
        target.ValidateAndGetPath(context.Engine);
        byte[] json = target.Binding.FetchCanonical(context.Store, target.PodId, target.ContainerId);
        if (pretty)
        {
            app.Output.WriteBytes(Indent(json));
        }
        else
        {
            app.Output.WriteBytes(json);
        }

        return ExitCodes.Success;
    }

    /// <summary>The same document indented by two spaces, non-ASCII text unescaped, with a final newline.</summary>
    internal static byte[] Indent(byte[] json)
    {
        using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 512 });
        var buffer = new MemoryStream(json.Length * 2);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 512 }))
        {
            document.WriteTo(writer);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
