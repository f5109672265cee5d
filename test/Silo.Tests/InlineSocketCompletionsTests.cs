using BillForU.Hosting.Runtime;

namespace BillForU.Silo.Tests;

/// <summary>
/// The silo turns inline socket completions on for itself, but an operator's own setting of the variable stands.
/// (This process read the variable long before these tests run, so changing it here changes nothing else.)
/// </summary>
public sealed class InlineSocketCompletionsTests
{
    [Fact]
    public void An_unset_variable_is_set_to_inline()
    {
        WithVariable(null, () =>
        {
            Assert.True(InlineSocketCompletions.PreferUnlessSet());
            Assert.Equal("1", Environment.GetEnvironmentVariable(InlineSocketCompletions.Variable));
        });
    }

    [Fact]
    public void An_operator_who_set_it_to_0_keeps_the_thread_pool_dispatch()
    {
        WithVariable("0", () =>
        {
            Assert.False(InlineSocketCompletions.PreferUnlessSet());
            Assert.Equal("0", Environment.GetEnvironmentVariable(InlineSocketCompletions.Variable));
        });
    }

    private static void WithVariable(string? value, Action test)
    {
        var before = Environment.GetEnvironmentVariable(InlineSocketCompletions.Variable);
        Environment.SetEnvironmentVariable(InlineSocketCompletions.Variable, value);
        try
        {
            test();
        }
        finally
        {
            Environment.SetEnvironmentVariable(InlineSocketCompletions.Variable, before);
        }
    }
}
