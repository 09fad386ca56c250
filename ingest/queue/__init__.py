"""The ingest queue: the ledger of what is owed (`ledger`), Huey transport (`broker`),
and the worker side (`worker`, `runtime`, `tasks`)."""
