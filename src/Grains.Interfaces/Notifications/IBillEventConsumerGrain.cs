namespace BillForU.Grains.Interfaces.Notifications;

/// <summary>Consumer of one settlement partition's bill stream (key: the stream key, <c>yyyy-MM/n</c>).</summary>
public interface IBillEventConsumerGrain : IGrainWithStringKey;
