using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ProxmoxMcp.Generators
{
    /// <summary>
    /// A minimal JSON value that writes itself canonically: object keys in ordinal order, no
    /// whitespace, invariant numbers. Schemas and the registry checksum are built from it, so the
    /// same source gives the same bytes on every machine.
    /// </summary>
    internal abstract class JsonValue
    {
        public abstract void Write(StringBuilder builder);

        public override string ToString()
        {
            var builder = new StringBuilder();
            Write(builder);
            return builder.ToString();
        }

        public static JsonValue Of(string value) => new JsonString(value);

        public static JsonValue Of(bool value) => new JsonLiteral(value ? "true" : "false");

        public static JsonValue Of(double value) =>
            new JsonLiteral(value == Math.Floor(value) && Math.Abs(value) < 1e15
                ? ((long)value).ToString(CultureInfo.InvariantCulture)
                : value.ToString("R", CultureInfo.InvariantCulture));

        public static JsonValue Raw(string literal) => new JsonLiteral(literal);

        public static void WriteString(StringBuilder builder, string value)
        {
            builder.Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c < 0x20)
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }
                        break;
                }
            }
            builder.Append('"');
        }
    }

    internal sealed class JsonString : JsonValue
    {
        private readonly string _value;

        public JsonString(string value) => _value = value;

        public override void Write(StringBuilder builder) => WriteString(builder, _value);
    }

    internal sealed class JsonLiteral : JsonValue
    {
        private readonly string _literal;

        public JsonLiteral(string literal) => _literal = literal;

        public override void Write(StringBuilder builder) => builder.Append(_literal);
    }

    internal sealed class JsonArray : JsonValue
    {
        public List<JsonValue> Items { get; } = new List<JsonValue>();

        public JsonArray Add(JsonValue item)
        {
            Items.Add(item);
            return this;
        }

        public static JsonArray OfStrings(IEnumerable<string> values)
        {
            var array = new JsonArray();
            foreach (var value in values)
            {
                array.Add(Of(value));
            }
            return array;
        }

        public override void Write(StringBuilder builder)
        {
            builder.Append('[');
            for (var i = 0; i < Items.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(',');
                }
                Items[i].Write(builder);
            }
            builder.Append(']');
        }
    }

    internal sealed class JsonObject : JsonValue
    {
        private readonly SortedDictionary<string, JsonValue> _properties = new SortedDictionary<string, JsonValue>(StringComparer.Ordinal);

        public JsonObject Set(string name, JsonValue value)
        {
            _properties[name] = value;
            return this;
        }

        public JsonObject Set(string name, string value) => Set(name, Of(value));

        public JsonObject Set(string name, bool value) => Set(name, Of(value));

        public JsonObject Set(string name, double value) => Set(name, Of(value));

        public IEnumerable<KeyValuePair<string, JsonValue>> Properties => _properties;

        public override void Write(StringBuilder builder)
        {
            builder.Append('{');
            var first = true;
            foreach (var pair in _properties)
            {
                if (!first)
                {
                    builder.Append(',');
                }
                first = false;
                WriteString(builder, pair.Key);
                builder.Append(':');
                pair.Value.Write(builder);
            }
            builder.Append('}');
        }
    }
}
