using System.CommandLine;
using System.Text.Json;
using Aot.Storage.Cli.Infrastructure;

namespace Aot.Storage.Cli.Commands;

/// <summary><c>ls [POD] [--json]</c>: the pods, or the containers of one pod.</summary>
internal static class ListCommand
{
    public static Command Create(CliApp app)
    {
        var pod = new Argument<string?>("POD") { Description = "List this pod's containers instead of the pods.", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print a JSON document: {\"pods\":[...]} or {\"pod\":POD,\"containers\":[...]}." };
        var command = new Command("ls", "List the pod IDs, one per line, or with POD the pod's container IDs.") { pod, json };
        command.SetAction(parseResult => app.Guard(() =>
            Execute(app, app.OpenStore(parseResult), parseResult.GetValue(pod), parseResult.GetValue(json))));
        return command;
    }

    private static int Execute(CliApp app, StoreContext context, string? podId, bool json)
    {
        IReadOnlyList<string> ids = podId is null ? context.Store.ListPods() : context.Store.ListContainers(podId);
        if (json)
        {
            WriteJson(app.Output, podId, ids);
            return ExitCodes.Success;
        }

        foreach (string id in ids)
        {
            app.Output.WriteLine(id);
        }

        return ExitCodes.Success;
    }

    private static void WriteJson(CliOutput output, string? podId, IReadOnlyList<string> ids)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (podId is null)
            {
                writer.WritePropertyName("pods");
            }
            else
            {
                writer.WriteString("pod", podId);
                writer.WritePropertyName("containers");
            }

            writer.WriteStartArray();
            foreach (string id in ids)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        output.WriteBytes(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
