using BillForU.Domain.Customers;
using BillForU.Domain.Notifications;

namespace BillForU.Domain.Tests.Notifications;

public class ChannelPlanTests
{
    private static NotificationPreference Pref(Channel channel, int priority, bool enabled = true) =>
        new(1, channel, enabled, priority, null, null, null);

    [Fact]
    public void No_preference_means_email_then_sms() =>
        Assert.Equal([Channel.Email, Channel.Sms], ChannelPlan.For([]).Channels);

    [Fact]
    public void Priority_one_is_primary_and_priority_two_the_fallback() =>
        Assert.Equal([Channel.Push, Channel.Email], ChannelPlan.For([Pref(Channel.Email, 2), Pref(Channel.Push, 1)]).Channels);

    [Fact]
    public void Sms_primary_has_no_fallback_unless_another_channel_is_enabled() =>
        Assert.Equal([Channel.Sms], ChannelPlan.For([Pref(Channel.Sms, 1)]).Channels);

    [Fact]
    public void Disabled_channels_are_skipped()
    {
        Assert.Equal([Channel.Sms], ChannelPlan.For([Pref(Channel.Email, 1, enabled: false), Pref(Channel.Sms, 2)]).Channels);
        Assert.Equal([Channel.Email], ChannelPlan.For([Pref(Channel.Sms, 2, enabled: false)]).Channels);
    }

    [Fact]
    public void Every_channel_disabled_leaves_nothing_to_send_on() =>
        Assert.Empty(ChannelPlan.For([Pref(Channel.Email, 1, enabled: false), Pref(Channel.Sms, 2, enabled: false)]).Channels);
}
