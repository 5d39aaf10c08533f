"""The records stage: what a new revision carries besides its text: the notice, the
retroactivity record and the ledger fields, built the same way for publish and backfill."""
