using BillForU.Silo.Cli;

return await BillForUCommandLine.Create().Parse(args).InvokeAsync();
