using ProxmoxMcp.Sandbox.Http;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Sandbox.Tests;

/// <summary>Every operation the sandbox serves, and every parameter it accepts, exists in the official 9.1.3 schema.</summary>
public sealed class SchemaConformanceTests : SandboxTest
{
    [Fact]
    public void Every_served_operation_exists_with_that_method()
    {
        var schema = PveSchema.Load("9.1.3");

        var missing = Server.Router.Operations
            .Where(o => !schema.Operations.Any(s => s.Method == o.Method && s.Path == o.Template))
            .Select(o => $"{o.Method} {o.Template}")
            .ToList();

        missing.ShouldBeEmpty();
        Server.Router.Operations.Count.ShouldBeGreaterThan(50);
    }

    [Fact]
    public void Every_accepted_parameter_is_declared_with_the_same_type_and_optionality()
    {
        var schema = PveSchema.Load("9.1.3");
        var problems = new List<string>();

        foreach (var operation in Server.Router.Operations)
        {
            var official = schema.Operations.Single(s => s.Method == operation.Method && s.Path == operation.Template);
            foreach (var parameter in operation.Parameters)
            {
                if (!official.Parameters.TryGetValue(parameter.Name, out var declared))
                {
                    problems.Add($"{operation.Method} {operation.Template}: '{parameter.Name}' is not declared");
                    continue;
                }
                var type = parameter.Type.ToString().ToLowerInvariant();
                if (declared.Type != type)
                {
                    problems.Add($"{operation.Method} {operation.Template}: '{parameter.Name}' is {type}, declared {declared.Type}");
                }
                if (!parameter.Optional && !parameter.IsIndexed && declared.Optional && !operation.Template.Contains("{" + parameter.Name + "}", StringComparison.Ordinal))
                {
                    problems.Add($"{operation.Method} {operation.Template}: '{parameter.Name}' is required here but optional in the schema");
                }
                if (parameter.Optional && !declared.Optional)
                {
                    problems.Add($"{operation.Method} {operation.Template}: '{parameter.Name}' is optional here but required in the schema");
                }
                if (parameter.Enum is { } values && declared.Enum is { } declaredValues && values.Except(declaredValues).Any())
                {
                    problems.Add($"{operation.Method} {operation.Template}: '{parameter.Name}' accepts values the schema does not: {string.Join(", ", values.Except(declaredValues))}");
                }
                if (parameter.Minimum is { } min && declared.Minimum is { } declaredMin && min < declaredMin)
                {
                    problems.Add($"{operation.Method} {operation.Template}: '{parameter.Name}' minimum {min} below the schema's {declaredMin}");
                }
            }
        }

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Every_path_parameter_is_declared_by_the_operation()
    {
        var problems = Server.Router.Operations
            .SelectMany(o => System.Text.RegularExpressions.Regex.Matches(o.Template, @"\{([a-z\-]+)\}").Select(m => (o, m.Groups[1].Value)))
            .Where(x => !x.o.Parameters.Any(p => p.Name == x.Value))
            .Select(x => $"{x.o.Method} {x.o.Template}: path value '{x.Value}' is not declared")
            .ToList();

        problems.ShouldBeEmpty();
    }
}
