"""The workflows: import, publish, backfill, check, status, hooks and the operands of `diff`.

Each calls the store, the records and the compare service; no workflow imports another."""
