using BillForU.Storage;
using BillForU.Storage.Notifications;

namespace BillForU.AdminApi.Apis;

public sealed record DataServices(IDatasetSeeder Seeder, ISettlementRunRepository Runs, IDeliveryStore Deliveries, TimeProvider Time);
