using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace ProxmoxMcp.Generators
{
    /// <summary>
    /// Reads the XML documentation the compiler attached to a symbol: the summary becomes a tool's
    /// description, the <c>param</c> elements its parameter descriptions. Markup is flattened to
    /// plain text an agent reads (crefs to their short name, whitespace collapsed).
    /// </summary>
    internal sealed class DocComments
    {
        private static readonly Regex Whitespace = new Regex(@"[ \t\r\n]+", RegexOptions.CultureInvariant);

        private DocComments(string summary, Dictionary<string, string> parameters)
        {
            Summary = summary;
            Parameters = parameters;
        }

        public string Summary { get; }

        public Dictionary<string, string> Parameters { get; }

        public static DocComments Parse(string? xml)
        {
            var parameters = new Dictionary<string, string>();
            if (string.IsNullOrWhiteSpace(xml))
            {
                return new DocComments(string.Empty, parameters);
            }
            XElement root;
            try
            {
                root = XElement.Parse(xml, LoadOptions.None);
            }
            catch (XmlException)
            {
                return new DocComments(string.Empty, parameters);
            }
            var summary = root.Element("summary") is { } s ? Flatten(s) : string.Empty;
            foreach (var param in root.Elements("param"))
            {
                var name = (string?)param.Attribute("name");
                if (!string.IsNullOrEmpty(name))
                {
                    parameters[name!] = Flatten(param);
                }
            }
            return new DocComments(summary, parameters);
        }

        private static string Flatten(XElement element)
        {
            var builder = new StringBuilder();
            Append(builder, element);
            var paragraphs = builder.ToString().Split('\u2029')
                .Select(p => Whitespace.Replace(p, " ").Trim())
                .Where(p => p.Length > 0);
            return string.Join("\n", paragraphs);
        }

        private static void Append(StringBuilder builder, XNode node)
        {
            switch (node)
            {
                case XText text:
                    builder.Append(text.Value);
                    break;
                case XElement element:
                    switch (element.Name.LocalName)
                    {
                        case "see":
                        case "seealso":
                            var reference = (string?)element.Attribute("cref") ?? (string?)element.Attribute("langword") ?? (string?)element.Attribute("href") ?? string.Empty;
                            builder.Append(element.IsEmpty || !element.Nodes().Any() ? ShortName(reference) : element.Value);
                            break;
                        case "paramref":
                        case "typeparamref":
                            builder.Append((string?)element.Attribute("name"));
                            break;
                        case "para":
                        case "br":
                            builder.Append('\u2029');
                            foreach (var child in element.Nodes())
                            {
                                Append(builder, child);
                            }
                            builder.Append('\u2029');
                            break;
                        default:
                            foreach (var child in element.Nodes())
                            {
                                Append(builder, child);
                            }
                            break;
                    }
                    break;
            }
        }

        private static string ShortName(string cref)
        {
            var withoutPrefix = cref.Length > 2 && cref[1] == ':' ? cref.Substring(2) : cref;
            var withoutArgs = withoutPrefix.Split('(')[0];
            var dot = withoutArgs.LastIndexOf('.');
            return dot >= 0 ? withoutArgs.Substring(dot + 1) : withoutArgs;
        }
    }
}
