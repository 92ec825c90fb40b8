using ProxmoxMcp.Safety;
using ProxmoxMcp.TestSupport;
using ProxmoxMcp.Tools.Support;

namespace ProxmoxMcp.Tests.Tools;

/// <summary>The reviewed option lists against the official schema: every key is declared for the calls it is sent with, none is destructive.</summary>
public sealed class ConfigKeyCatalogTests
{
    [Theory]
    [InlineData("PUT", "/nodes/{node}/qemu/{vmid}/config", true)]
    [InlineData("POST", "/nodes/{node}/qemu", true)]
    [InlineData("PUT", "/nodes/{node}/lxc/{vmid}/config", false)]
    [InlineData("POST", "/nodes/{node}/lxc", false)]
    public void Every_catalog_key_is_declared_by_the_call(string method, string path, bool vm)
    {
        var operation = PveSchema.Load("9.1.3").Operations.Single(o => o.Method == method && o.Path == path);
        var catalog = vm ? ConfigKeyCatalog.Vm : ConfigKeyCatalog.Container;

        catalog.Where(key => !operation.Parameters.ContainsKey(key)).ShouldBeEmpty();
    }

    [Fact]
    public void No_catalog_key_is_one_the_policy_refuses()
    {
        foreach (var key in ConfigKeyCatalog.Vm.Concat(ConfigKeyCatalog.Container))
        {
            DestructivePolicy.ForbiddenParameters.ShouldNotContain(key);
            key.ShouldNotStartWith("unused");
        }
    }
}
