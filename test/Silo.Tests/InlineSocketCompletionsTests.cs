using System.Globalization;
using BillForU.Hosting.Runtime;

namespace BillForU.Silo.Tests;

/// <summary>
/// The silo turns inline socket completions on for itself, with event threads for half the cores, but an operator's
/// own setting of either variable stands. (This process read the variables long before these tests run, so changing
/// them here changes nothing else.)
/// </summary>
public sealed class InlineSocketCompletionsTests
{
    [Fact]
    public void Unset_variables_are_set_to_inline_on_half_the_cores()
    {
        WithVariables(null, null, () =>
        {
            Assert.True(InlineSocketCompletions.PreferUnlessSet());
            Assert.Equal("1", Environment.GetEnvironmentVariable(InlineSocketCompletions.Variable));
            Assert.Equal(
                InlineSocketCompletions.EventThreadsFor(Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
                Environment.GetEnvironmentVariable(InlineSocketCompletions.ThreadCountVariable));
        });
    }

    [Fact]
    public void An_operator_who_set_completions_to_0_keeps_the_thread_pool_dispatch_and_the_runtime_s_thread_count()
    {
        WithVariables("0", null, () =>
        {
            Assert.False(InlineSocketCompletions.PreferUnlessSet());
            Assert.Equal("0", Environment.GetEnvironmentVariable(InlineSocketCompletions.Variable));
            Assert.Null(Environment.GetEnvironmentVariable(InlineSocketCompletions.ThreadCountVariable));
        });
    }

    [Fact]
    public void An_operator_s_thread_count_stands()
    {
        WithVariables(null, "3", () =>
        {
            Assert.True(InlineSocketCompletions.PreferUnlessSet());
            Assert.Equal("3", Environment.GetEnvironmentVariable(InlineSocketCompletions.ThreadCountVariable));
        });
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(8, 4)]
    public void Event_threads_are_half_the_cores_and_at_least_one(int cores, int threads)
    {
        Assert.Equal(threads, InlineSocketCompletions.EventThreadsFor(cores));
    }

    private static void WithVariables(string? completions, string? threadCount, Action test)
    {
        var (completionsBefore, threadCountBefore) = (Environment.GetEnvironmentVariable(InlineSocketCompletions.Variable),
            Environment.GetEnvironmentVariable(InlineSocketCompletions.ThreadCountVariable));
        Environment.SetEnvironmentVariable(InlineSocketCompletions.Variable, completions);
        Environment.SetEnvironmentVariable(InlineSocketCompletions.ThreadCountVariable, threadCount);
        try
        {
            test();
        }
        finally
        {
            Environment.SetEnvironmentVariable(InlineSocketCompletions.Variable, completionsBefore);
            Environment.SetEnvironmentVariable(InlineSocketCompletions.ThreadCountVariable, threadCountBefore);
        }
    }
}
