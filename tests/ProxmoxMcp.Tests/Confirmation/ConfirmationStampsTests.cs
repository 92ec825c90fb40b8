using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using NSubstitute;
using ProxmoxMcp.Safety.Confirmation;

namespace ProxmoxMcp.Tests.Confirmation;

/// <summary>
/// Questions asked as input-required results (2026-07-28 clients over HTTP): the answer counts only with
/// a request state issued here for exactly that call, unexpired and used once.
/// </summary>
public sealed class ConfirmationStampsTests
{
    private static readonly Dictionary<string, JsonElement> Stop100 = Arguments("""{"vmid":100}""");

    [Fact]
    public void A_state_is_accepted_once_for_the_call_it_was_issued_for()
    {
        var stamps = new ConfirmationStamps();
        var state = stamps.Issue("stop_vm", Stop100, TimeSpan.FromMinutes(2));

        stamps.Redeem(state, "reboot_vm", Stop100).ShouldBe(StampCheck.Invalid);
        stamps.Redeem(state, "stop_vm", Arguments("""{"vmid":101}""")).ShouldBe(StampCheck.Invalid);
        stamps.Redeem(state, "stop_vm", Arguments("""{"vmid":100,"timeout_seconds":5}""")).ShouldBe(StampCheck.Invalid);
        stamps.Redeem(state, "stop_vm", Arguments("""{ "vmid" : 100 }""")).ShouldBe(StampCheck.Valid);
        stamps.Redeem(state, "stop_vm", Stop100).ShouldBe(StampCheck.Invalid);
    }

    [Fact]
    public void A_state_counts_only_for_a_call_that_still_plans_the_changes_the_person_saw()
    {
        var stamps = new ConfirmationStamps();
        var state = stamps.Issue("set_vm_config", Stop100, TimeSpan.FromMinutes(2), plan: "PUT /nodes/pve1/qemu/100/config digest=aaa");

        // The guest changed after the question: the repeated call's preview plans another request.
        stamps.Redeem(state, "set_vm_config", Stop100, plan: "PUT /nodes/pve1/qemu/100/config digest=bbb").ShouldBe(StampCheck.Invalid);
        stamps.Redeem(state, "set_vm_config", Stop100, plan: "PUT /nodes/pve1/qemu/100/config digest=aaa").ShouldBe(StampCheck.Valid);
    }

    [Fact]
    public void Forged_tampered_and_foreign_states_are_refused()
    {
        var stamps = new ConfirmationStamps();
        var state = stamps.Issue("stop_vm", Stop100, TimeSpan.FromMinutes(2));
        var (payload, signature) = (state[..state.IndexOf('.')], state[(state.IndexOf('.') + 1)..]);
        var otherPayload = new ConfirmationStamps().Issue("stop_vm", Arguments("""{"vmid":101}"""), TimeSpan.FromMinutes(2));

        stamps.Redeem("", "stop_vm", Stop100).ShouldBe(StampCheck.Invalid);
        stamps.Redeem("approved", "stop_vm", Stop100).ShouldBe(StampCheck.Invalid);
        stamps.Redeem(payload + "." + signature[..^2] + "AA", "stop_vm", Stop100).ShouldBe(StampCheck.Invalid);
        stamps.Redeem(otherPayload[..otherPayload.IndexOf('.')] + "." + signature, "stop_vm", Stop100).ShouldBe(StampCheck.Invalid);
        new ConfirmationStamps().Redeem(state, "stop_vm", Stop100).ShouldBe(StampCheck.Invalid);
        stamps.Redeem(state, "stop_vm", Stop100).ShouldBe(StampCheck.Valid);
    }

    [Fact]
    public void An_answer_after_the_timeout_is_too_late()
    {
        var clock = new ManualClock();
        var stamps = new ConfirmationStamps(clock);
        var state = stamps.Issue("stop_vm", Stop100, TimeSpan.FromSeconds(30));

        clock.Advance(TimeSpan.FromSeconds(31));

        stamps.Redeem(state, "stop_vm", Stop100).ShouldBe(StampCheck.Expired);
    }

    [Fact]
    public async Task The_channel_asks_with_an_input_required_result_and_counts_only_a_valid_yes()
    {
        var stamps = new ConfirmationStamps();
        var question = new ConfirmationQuestion("Confirm stop_vm on VM 100.", "stop_vm", Stop100, TimeSpan.FromMinutes(2));
        var server = Substitute.For<McpServer>();

        var asked = await Should.ThrowAsync<InputRequiredException>(() => new InputRequiredConfirmationChannel(server, new CallToolRequestParams { Name = "stop_vm" }, stamps).AskAsync(question, TestContext.Current.CancellationToken));
        var request = asked.Result.InputRequests!["confirm"];
        request.ElicitationParams!.Message.ShouldBe(question.Summary);
        var state = asked.Result.RequestState!;

        (await Answer(state, "accept", confirm: true)).ShouldBe(ConfirmationAnswer.Yes);
        // The same answer again (a replay) is not an answer: the person is asked anew.
        await Should.ThrowAsync<InputRequiredException>(() => Answer(state, "accept", confirm: true));
        (await Answer(stamps.Issue("stop_vm", Stop100, TimeSpan.FromMinutes(2)), "accept", confirm: false)).ShouldBe(ConfirmationAnswer.No);
        (await Answer(stamps.Issue("stop_vm", Stop100, TimeSpan.FromMinutes(2)), "decline", confirm: true)).ShouldBe(ConfirmationAnswer.No);
        (await Answer(stamps.Issue("stop_vm", Stop100, TimeSpan.FromMinutes(2)), "cancel", confirm: true)).ShouldBe(ConfirmationAnswer.Cancelled);
        await Should.ThrowAsync<InputRequiredException>(() => Answer("forged.state", "accept", confirm: true));

        Task<ConfirmationAnswer> Answer(string requestState, string action, bool confirm)
        {
            var call = new CallToolRequestParams
            {
                Name = "stop_vm",
                RequestState = requestState,
                InputResponses = new Dictionary<string, InputResponse>
                {
                    ["confirm"] = InputResponse.FromElicitResult(new ElicitResult
                    {
                        Action = action,
                        Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(confirm) },
                    }),
                },
            };
            return new InputRequiredConfirmationChannel(server, call, stamps).AskAsync(question, TestContext.Current.CancellationToken);
        }
    }

    private static Dictionary<string, JsonElement> Arguments(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
