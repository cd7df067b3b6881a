// How the adapter gets a request context: Excel.run in Office, MemoryExcel.run in tests and the browser demo.

export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
