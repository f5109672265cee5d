using BillForU.Storage;
using BillForU.Storage.Notifications;

namespace BillForU.Admin.Apis;

public sealed record DataServices(IDatasetSeeder Seeder, ISettlementRunRepository Runs, IDeliveryStore Deliveries, TimeProvider Time);
