using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ProxmoxMcp.Generators.Model
{
    /// <summary>A source location kept as plain values, so models never hold on to a syntax tree.</summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

        public static LocationInfo? From(Location? location)
        {
            if (location is null || location.SourceTree is null)
            {
                return null;
            }
            return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
        }
    }
}
