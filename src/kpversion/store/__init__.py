"""The store stage: the statements/ tree on disk (its layout, ledger, verification, lock and
publish transaction) and what git says about its published files."""
