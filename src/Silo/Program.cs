using BillForU.Hosting.Runtime;
using BillForU.Silo.Cli;

InlineSocketCompletions.PreferUnlessSet();
return await BillForUCommandLine.Create().Parse(args).InvokeAsync();
