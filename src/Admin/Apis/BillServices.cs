using BillForU.Domain.Security;
using BillForU.Storage;
using BillForU.Storage.Notifications;

namespace BillForU.Admin.Apis;

public sealed record BillServices(IBillRepository Bills, IRecipientDirectory Directory, IDeliveryStore Deliveries, ContactCipher Cipher);
