using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ProxmoxMcp.Hosting;

namespace ProxmoxMcp.Tests.Hardening;

/// <summary>
/// Bad input generated from each tool's own input schema, seeded and reproducible: valid values and
/// boundaries, then one mutation per call (wrong JSON types, missing and extra properties, empty, huge
/// and control-character strings, look-alike characters, traversal in names and paths, vmids 0, -1,
/// 2^31, 10^12, numbers as strings, deep JSON). Every answer is a correct success or a clear error; a
/// call the schema rejects names the argument and reaches Proxmox with nothing; nothing the safety
/// policy would refuse is ever sent (the harness checks every request against the official schema and
/// counts refusals). 4 seeds x 2,500 calls.
/// </summary>
public sealed class SchemaFuzzTests(ITestOutputHelper output)
{
    private const int CallsPerSeed = 2500;

    private static readonly Dictionary<string, string[]> Examples = new(StringComparer.Ordinal)
    {
        ["node"] = ["pve1", "pve2", "pve3"],
        ["target_node"] = ["pve1", "pve2"],
        ["storage"] = ["local", "local-lvm"],
        ["snapshot"] = ["before_upgrade", "snap1"],
        ["disk"] = ["scsi0", "rootfs", "virtio1"],
        ["size"] = ["+1G", "+512M"],
        ["path"] = ["/nodes", "/cluster/resources", "/nodes/pve1/network", "/version"],
        ["upid"] = ["UPID:pve1:00001234:0000ABCD:6B000000:qmstart:100:root@pam!mcp:"],
        ["template"] = ["local:vztmpl/debian-12-standard_12.7-1_amd64.tar.zst"],
        ["iso"] = ["local:iso/debian-12.iso"],
        ["hostname"] = ["web2", "db-3"],
        ["name"] = ["web2", "test-vm"],
        ["bridge"] = ["vmbr0"],
        ["ip"] = ["dhcp", "10.0.0.5/24"],
        ["gateway"] = ["10.0.0.1"],
        ["tag"] = ["prod", "home"],
        ["pool"] = ["lab"],
        ["digest"] = [new string('a', 40)],
        ["password"] = ["correct-horse-battery"],
        ["description"] = ["made by a test", "ünïcödé ✓"],
        ["tool"] = ["stop_vm", "set_vm_config", "create_container", "resize_disk", "clone_vm", "backup_guest"],
    };

    private static readonly string[] HostileStrings =
    [
        "", "../../etc/passwd", "..%2f..%2fetc", "%2e%2e%2f", "pve1/../pve2", "pve1\n", "a\u0000b", "\u202Epve1", "pvе1" /* Cyrillic e */,
        "ｐｖｅ１", "' OR 1=1 --", "$(reboot)", "`id`", "a;rm -rf /", "\\\\server\\share", new string('x', 70_000), "🙂", "null", "true", "-1",
    ];

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Every_generated_call_is_a_success_or_a_clear_error_and_rejected_input_sends_nothing(int seed)
    {
        await using var harness = await ServerHarness.StartAsync(o => o with { Budgets = new ProxmoxMcp.Configuration.TimeBudgets { Read = TimeSpan.FromSeconds(20) } },
            new ProxmoxMcp.Sandbox.SandboxOptions { TaskDuration = TimeSpan.FromMilliseconds(5) });
        // The full schemas the binder enforces (tools/list publishes them without patterns and lengths).
        var tools = (await harness.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken))
            .Select(t => (t.Name, Schema: JsonNode.Parse(ProxmoxMcp.Hosting.ToolCatalog.All.Single(d => d.Definition.Name == t.Name).Definition.InputSchemaJson)!.AsObject())).ToList();
        var random = new Random(seed);
        int rejected = 0, errors = 0, successes = 0;
        var previousCall = "(none)";

        for (var i = 0; i < CallsPerSeed; i++)
        {
            var (name, schema) = tools[random.Next(tools.Count)];
            var (arguments, invalidArgument, mutation) = Generate(schema, random);
            var before = harness.Sandbox.Requests.Snapshot().Count;

            var result = await harness.Client.CallToolAsync(name, arguments.ToDictionary(p => p.Key, p => (object?)p.Value), cancellationToken: TestContext.Current.CancellationToken);

            var text = ServerHarness.Text(result);
            var context = $"seed {seed} call {i}: {name} {mutation} {Shorten(JsonSerializer.Serialize(arguments))} -> {Shorten(text)}";
            text.ShouldNotBeNullOrWhiteSpace(context);
            text.ShouldNotContain("failed unexpectedly", Case.Sensitive, context);
            text.ShouldNotContain("Exception", Case.Sensitive, context);
            if (name == "preview")
            {
                harness.Sandbox.Requests.Snapshot().Skip(before).ShouldAllBe(r => r.Method == "GET", context);
            }
            if (invalidArgument is not null)
            {
                rejected++;
                result.IsError.ShouldBe(true, context);
                text.ShouldContain($"'{invalidArgument}'", Case.Sensitive, context);
                harness.Sandbox.Requests.Snapshot().Skip(before).Select(r => $"{r.Method} {r.Path} {r.Status} {r.Time:HH:mm:ss.fff} {string.Join('&', r.Parameters)}").ShouldBeEmpty($"{context}; the call before: {previousCall}");
            }
            previousCall = context;
            if (result.IsError == true)
            {
                errors++;
            }
            else
            {
                successes++;
            }
        }

        // The sandbox's log is the ground truth: every request that reached it is one the policy's table admits.
        var policy = new ProxmoxMcp.Safety.DestructivePolicy(harness.Options);
        var sent = harness.Sandbox.Requests.Snapshot();
        var outside = sent.Where(r => !policy.EvaluateTable(r.Method, r.Path, r.Parameters, new ProxmoxMcp.Safety.Policy.PolicyCaller("fuzz", ProxmoxMcp.Safety.Policy.CallerRole.Tool)).Allowed)
            .Select(r => $"{r.Method} {r.Path}").ToList();
        outside.ShouldBeEmpty("requests outside the safety policy reached the sandbox");

        var line = $"bad input, seed {seed}: {CallsPerSeed} calls across {tools.Count} tools; {rejected} rejected by the schema (each named its argument, sent nothing); {errors} errors, {successes} successes; {sent.Count} requests reached the sandbox, all inside the policy; policy refusals {harness.PolicyRefusals.Count}";
        output.WriteLine(line);
        HardeningCounts.Report(line);
        harness.PolicyRefusals.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("vm_config", "snapshot", "before_upgrade\n")]
    [InlineData("vm_status", "node", "pve1\n")]
    [InlineData("list_vms", "tag", "prod\n")]
    public async Task A_trailing_line_break_never_passes_a_pattern(string tool, string argument, string value)
    {
        await using var harness = await ServerHarness.StartAsync();
        var before = harness.Sandbox.Requests.Snapshot().Count;

        var result = await harness.Client.CallToolAsync(tool, new Dictionary<string, object?> { ["vmid"] = 100, [argument] = value }, cancellationToken: TestContext.Current.CancellationToken);

        result.IsError.ShouldBe(true);
        ServerHarness.Text(result).ShouldContain($"'{argument}'");
        harness.Sandbox.Requests.Snapshot().Count.ShouldBe(before);
    }

    /// <summary>Valid arguments from the schema, then at most one mutation; returns which argument the mutation made invalid, if it did.</summary>
    private static (Dictionary<string, JsonNode?> Arguments, string? Invalid, string Mutation) Generate(JsonObject schema, Random random)
    {
        var properties = schema["properties"]?.AsObject() ?? [];
        var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        var arguments = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, property) in properties)
        {
            if (required.Contains(name) || random.Next(3) == 0)
            {
                arguments[name] = Valid(name, property!.AsObject(), random);
            }
        }
        if (random.Next(10) < 3)
        {
            return (arguments, null, "valid");
        }
        switch (random.Next(4))
        {
            case 0 when required.Count > 0:
                var missing = required.ElementAt(random.Next(required.Count));
                arguments.Remove(missing);
                return (arguments, missing, $"missing {missing}");
            case 1:
                arguments["bogus_argument"] = random.Next(2) == 0 ? 1 : "x";
                return (arguments, "bogus_argument", "extra property");
            default:
                if (properties.Count == 0)
                {
                    arguments["bogus_argument"] = true;
                    return (arguments, "bogus_argument", "extra property");
                }
                var (target, spec) = properties.ElementAt(random.Next(properties.Count));
                var (value, invalid) = Mutate(spec!.AsObject(), random);
                arguments[target] = value;
                return (arguments, invalid ? target : null, $"{target}={Shorten(value?.ToJsonString() ?? "null")}");
        }
    }

    private static JsonNode? Valid(string name, JsonObject property, Random random)
    {
        var type = property["type"]?.GetValueKind() == JsonValueKind.String ? property["type"]!.GetValue<string>() : "string";
        switch (type)
        {
            case "integer":
                var min = (long)(property["minimum"]?.GetValue<double>() ?? 0);
                var max = (long)(property["maximum"]?.GetValue<double>() ?? 1000);
                if (name is "vmid" or "newid" or "first" or "last")
                {
                    return new long[] { 100, 101, 102, 103, 200, 201, 202, 9000, 150, 999 }[random.Next(10)];
                }
                if (name == "timeout_seconds")
                {
                    return random.Next(1, 3);
                }
                return random.Next(3) switch { 0 => min, 1 => Math.Min(max, min + 1), _ => min + (long)(random.NextDouble() * Math.Min(max - min, 4096)) };
            case "boolean":
                return name == "wait" ? random.Next(3) == 0 : random.Next(2) == 0;
            case "array":
                var itemSchema = property["items"]?.AsObject();
                if (itemSchema?["enum"] is JsonArray itemChoices)
                {
                    return new JsonArray(itemChoices[random.Next(itemChoices.Count)]!.DeepClone());
                }
                return name switch
                {
                    "command" => new JsonArray("echo", "hello"),
                    "ssh_keys" => new JsonArray("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl a@b"),
                    "tags" => new JsonArray("web"),
                    _ => new JsonArray("web"),
                };
            case "object":
                // proxmox_api_get's params are query filters of the path read; option maps take options.
                return name == "params" ? new JsonObject() : new JsonObject { ["cores"] = "2" };
            default:
                if (property["enum"] is JsonArray choices)
                {
                    return choices[random.Next(choices.Count)]!.DeepClone();
                }
                return Examples.TryGetValue(name, out var examples) ? examples[random.Next(examples.Length)] : "web";
        }
    }

    /// <summary>A hostile value for the property, and whether the schema rejects it (the oracle reads the schema, not the server).</summary>
    private static (JsonNode? Value, bool Invalid) Mutate(JsonObject property, Random random)
    {
        var type = property["type"]?.GetValueKind() == JsonValueKind.String ? property["type"]!.GetValue<string>() : "string";
        switch (type)
        {
            case "integer":
                var min = property["minimum"]?.GetValue<double>() ?? double.MinValue;
                var max = property["maximum"]?.GetValue<double>() ?? double.MaxValue;
                JsonNode?[] numbers = [0, -1, 2147483648L, 1_000_000_000_000L, 1.5, min - 1, max + 1, "101", "abc", true, new JsonArray(), new JsonObject(), null, Deep(40)];
                var number = numbers[random.Next(numbers.Length)];
                return (number, number switch
                {
                    null => false, // JSON null: treated as the argument left out
                    JsonValue v when v.TryGetValue<string>(out var s) => !double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var parsed) || parsed != Math.Floor(parsed) || parsed < min || parsed > max,
                    JsonValue v when v.TryGetValue<double>(out var d) => d != Math.Floor(d) || d < min || d > max,
                    JsonValue v when v.TryGetValue<long>(out var l) => l < min || l > max,
                    JsonValue v when v.TryGetValue<int>(out var n) => n < min || n > max,
                    _ => true,
                });
            case "boolean":
                JsonNode?[] booleans = ["maybe", 5, new JsonArray(), "yes"];
                return (booleans[random.Next(booleans.Length)], true);
            case "array":
                JsonNode?[] arrays = ["x", 5, new JsonObject(), Deep(40), new JsonArray(Enumerable.Range(0, 300).Select(_ => (JsonNode?)"x").ToArray())];
                var array = arrays[random.Next(arrays.Length)];
                var maxItems = property["maxItems"]?.GetValue<int>() ?? int.MaxValue;
                return (array, array is not JsonArray items || items.Count > maxItems || items.Any(item => item is JsonArray));
            case "object":
                JsonNode?[] objects = ["x", new JsonArray(), 5, new JsonObject { ["nested"] = Deep(30) }, new JsonObject { ["delete"] = "scsi0" }, new JsonObject { ["hookscript"] = "local:snippets/x.sh" }];
                var value = objects[random.Next(objects.Length)];
                // Nested values break only an object whose schema limits its values (option maps); preview's arguments take any JSON.
                return (value, value is not JsonObject || (value["nested"] is not null && property["additionalProperties"] is JsonObject));
            default:
                if (random.Next(4) == 0)
                {
                    JsonNode?[] wrong = [true, new JsonArray("a"), new JsonObject(), Deep(20)];
                    return (wrong[random.Next(wrong.Length)], true);
                }
                var text = HostileStrings[random.Next(HostileStrings.Length)];
                return (text, !StringFits(property, text));
        }
    }

    private static bool StringFits(JsonObject property, string text)
    {
        if (property["enum"] is JsonArray choices && !choices.Any(c => c!.GetValue<string>() == text))
        {
            return false;
        }
        if (property["maxLength"]?.GetValue<int>() is { } maxLength && text.Length > maxLength)
        {
            return false;
        }
        if (property["minLength"]?.GetValue<int>() is { } minLength && text.Length < minLength)
        {
            return false;
        }
        return property["pattern"]?.GetValue<string>() is not { } pattern || Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    private static JsonNode Deep(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonArray(node);
        }
        return node;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
