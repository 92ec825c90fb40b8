namespace ProxmoxMcp.Generators.Tests;

/// <summary>Tool sources the generator tests compile.</summary>
internal static class ToolSamples
{
    public const string Representative = """
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.Threading;
        using System.Threading.Tasks;
        using ProxmoxMcp.Tools;

        namespace Sample;

        /// <summary>Power states.</summary>
        public enum PowerState { Running, Stopped, NotRunningYet }

        /// <summary>One guest.</summary>
        /// <param name="Vmid">The id.</param>
        /// <param name="Name">The name.</param>
        /// <param name="State">The state.</param>
        /// <param name="Tags">Tags, if any.</param>
        public sealed record GuestRow(int Vmid, string Name, PowerState State, IReadOnlyList<string>? Tags);

        /// <summary>The answer.</summary>
        /// <param name="Guests">Every guest.</param>
        /// <param name="Total">How many.</param>
        /// <param name="Note">A note.</param>
        /// <param name="Options">Config options.</param>
        public sealed record GuestPage(IReadOnlyList<GuestRow> Guests, long Total, string? Note, IReadOnlyDictionary<string, string> Options);

        public sealed class SampleTools
        {
            /// <summary>Find guests.</summary>
            /// <param name="node">The node.</param>
            /// <param name="vmid">The guest id.</param>
            /// <param name="limit">At most this many.</param>
            /// <param name="running">Only running ones.</param>
            /// <param name="ratio">A ratio.</param>
            /// <param name="state">Wanted state.</param>
            /// <param name="tags">Tags to match.</param>
            /// <param name="extra">Extra options.</param>
            /// <param name="context">Call context.</param>
            /// <param name="cancellationToken">Cancellation.</param>
            [ProxmoxTool("find_guests", ToolTier.Read)]
            public Task<GuestPage> FindGuests(
                [RegularExpression("^[a-z0-9-]+$"), MaxLength(63)] string node,
                [Range(100, 999999999)] int vmid,
                [Range(1, 500)] long limit = 50,
                bool running = false,
                double? ratio = null,
                PowerState state = PowerState.Running,
                IReadOnlyList<string>? tags = null,
                IReadOnlyDictionary<string, string>? extra = null,
                ToolContext? context = null,
                CancellationToken cancellationToken = default)
            {
                var rows = new List<GuestRow> { new(vmid, node, state, tags) };
                var options = extra ?? new Dictionary<string, string>();
                return Task.FromResult(new GuestPage(rows, limit, running ? "running" : ratio?.ToString(), options));
            }

            /// <summary>Start one.</summary>
            /// <param name="vmid">The guest id.</param>
            [ProxmoxTool("start_guest", ToolTier.Lifecycle)]
            public static GuestPage StartGuest(int vmid) => new([], vmid, null, new Dictionary<string, string>());

            /// <summary>Make one.</summary>
            /// <param name="name">Its name.</param>
            [ProxmoxTool("make_guest", ToolTier.Provision)]
            public ValueTask<GuestPage> MakeGuest(string name) => new(new GuestPage([], 0, name, new Dictionary<string, string>()));

            /// <summary>Run in one.</summary>
            /// <param name="command">What to run.</param>
            [ProxmoxTool("run_in_guest", ToolTier.GuestExec)]
            public GuestPage RunInGuest(IReadOnlyList<string> command) => new([], command.Count, null, new Dictionary<string, string>());
        }
        """;

    /// <summary>A minimal valid tool, with <paramref name="body"/> spliced into the class.</summary>
    public static string WithTools(string body) => $$"""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using ProxmoxMcp.Tools;

        namespace Sample;

        /// <summary>A result.</summary>
        /// <param name="Value">The value.</param>
        public sealed record Answer(string Value);

        public sealed class MoreTools
        {
        {{body}}
        }
        """;
}
