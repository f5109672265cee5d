using BillForU.Grains.Interfaces.Notifications;

namespace BillForU.Grains.Notifications;

/// <summary>
/// References to notification grains by bill id. <c>GetGrain&lt;T&gt;(key)</c> resolves the interface's grain type from
/// its attributes and its formatted type name on every call (reflection and a few strings per bill); the types are
/// resolved here once and each reference is made straight from its grain id.
/// </summary>
internal sealed class NotificationGrainReferences
{
    private readonly IGrainFactory _grains;
    private readonly GrainType _grainType;
    private readonly GrainInterfaceType _interfaceType;

    public NotificationGrainReferences(IGrainFactory grains)
    {
        _grains = grains;
        var prototype = (GrainReference)grains.GetGrain<INotificationGrain>(0);
        (_grainType, _interfaceType) = (prototype.GrainId.Type, prototype.InterfaceType);
    }

    public INotificationGrain For(long billId) =>
        (INotificationGrain)_grains.GetGrain(GrainId.Create(_grainType, GrainIdKeyExtensions.CreateIntegerKey(billId)), _interfaceType);
}
