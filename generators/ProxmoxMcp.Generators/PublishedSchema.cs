using System.Collections.Generic;

namespace ProxmoxMcp.Generators
{
    /// <summary>
    /// The schemas as tools/list shows them. Every byte there sits in a model's context for a whole
    /// conversation (or at least in the client's), so the published input schema leaves out what a model
    /// does not read to choose a value: regular expressions, string lengths, minima of 0 and 1,
    /// ceilings of 100,000 and more, and the top-level additionalProperties; the published output schema leaves out additionalProperties: false and the required lists (what a
    /// result holds is in its text; the shape and types are what a client reads here). The full
    /// schemas stay the registry's contract (checksum, lock): the binder enforces the input schema, naming
    /// the argument, and the tests check every result against the full output schema.
    /// </summary>
    internal static class PublishedSchema
    {
        private static readonly HashSet<string> Omitted = new HashSet<string> { "pattern", "minLength", "maxLength" };

        public static JsonObject ForInput(JsonObject inputSchema)
        {
            var published = new JsonObject();
            foreach (var pair in inputSchema.Properties)
            {
                if (pair.Key == "additionalProperties")
                {
                    continue;
                }
                published.Set(pair.Key, pair.Key == "properties" && pair.Value is JsonObject properties ? Properties(properties) : pair.Value);
            }
            return published;
        }

        public static JsonObject ForOutput(JsonObject schema)
        {
            var published = new JsonObject();
            foreach (var pair in schema.Properties)
            {
                switch (pair.Key)
                {
                    case "additionalProperties" when pair.Value is JsonLiteral:
                    case "required":
                        continue;
                    case "additionalProperties" when pair.Value is JsonObject values:
                        published.Set(pair.Key, ForOutput(values));
                        break;
                    case "items" when pair.Value is JsonObject items:
                        published.Set(pair.Key, ForOutput(items));
                        break;
                    case "properties" when pair.Value is JsonObject properties:
                        var required = RequiredNames(schema);
                        var each = new JsonObject();
                        foreach (var property in properties.Properties)
                        {
                            each.Set(property.Key, property.Value is not JsonObject value ? property.Value
                                : required.Contains(property.Key) ? ForOutput(value)
                                : Optional(value));
                        }
                        published.Set(pair.Key, each);
                        break;
                    default:
                        published.Set(pair.Key, pair.Value);
                        break;
                }
            }
            return published;
        }

        /// <summary>
        /// A member only some results carry (one aspect's section, say) is published with its type but
        /// without the shape of its rows or nested objects: the always-present structure is described in
        /// full, the optional sections only by kind.
        /// </summary>
        private static JsonObject Optional(JsonObject schema)
        {
            var type = Get(schema, "type")?.ToString();
            if (type == "\"object\"")
            {
                return new JsonObject().Set("type", "object");
            }
            if (type == "\"array\"" && Get(schema, "items") is JsonObject items && Get(items, "type")?.ToString() == "\"object\"")
            {
                return new JsonObject().Set("type", "array").Set("items", new JsonObject().Set("type", "object"));
            }
            return ForOutput(schema);
        }

        private static HashSet<string> RequiredNames(JsonObject schema)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            if (Get(schema, "required") is JsonArray required)
            {
                foreach (var item in required.Items)
                {
                    var text = item.ToString();
                    names.Add(text.Substring(1, text.Length - 2));
                }
            }
            return names;
        }

        private static JsonValue? Get(JsonObject schema, string key)
        {
            foreach (var pair in schema.Properties)
            {
                if (pair.Key == key)
                {
                    return pair.Value;
                }
            }
            return null;
        }

        private static JsonObject Properties(JsonObject properties)
        {
            var published = new JsonObject();
            foreach (var pair in properties.Properties)
            {
                published.Set(pair.Key, pair.Value is JsonObject schema ? Schema(schema) : pair.Value);
            }
            return published;
        }

        /// <summary>One parameter's schema: keywords only, never property names, are left out.</summary>
        private static JsonObject Schema(JsonObject schema)
        {
            var published = new JsonObject();
            foreach (var pair in schema.Properties)
            {
                // Ceilings of 100,000 and more (the vmid's, memory in MiB, disk in GiB, output bytes) are no
                // limit a model meets; the binder still enforces them. Lower maxima say something and stay.
                // Minima of 0 and 1 (counts, sizes, seconds) go without saying.
                if (Omitted.Contains(pair.Key)
                    || (pair.Key == "maximum" && Number(pair.Value) >= 100_000)
                    || (pair.Key == "minimum" && Number(pair.Value) is 0 or 1))
                {
                    continue;
                }
                published.Set(pair.Key, pair.Key == "items" && pair.Value is JsonObject items ? Schema(items) : pair.Value);
            }
            return published;
        }

        private static double? Number(JsonValue value) =>
            double.TryParse(value.ToString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}
