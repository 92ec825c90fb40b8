using Microsoft.CodeAnalysis;

namespace ProxmoxMcp.Generators.Model
{
    /// <summary>A diagnostic to report later, kept equatable: descriptor id, location and message arguments.</summary>
    internal sealed record DiagnosticInfo(string DescriptorId, LocationInfo? Location, EquatableArray<string> Arguments)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
            new DiagnosticInfo(descriptor.Id, location, new EquatableArray<string>(arguments));

        public Diagnostic ToDiagnostic()
        {
            var descriptor = DiagnosticDescriptors.ById(DescriptorId);
            var args = new object[Arguments.Count];
            for (var i = 0; i < args.Length; i++)
            {
                args[i] = Arguments[i];
            }
            return Diagnostic.Create(descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, args);
        }
    }
}
